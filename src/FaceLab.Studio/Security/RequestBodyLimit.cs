using Microsoft.AspNetCore.Http;

namespace FaceLab.Studio.Security;

/// <summary>
/// Refuses request bodies larger than <see cref="StudioOptions.MaxRequestBodyBytes"/> with the
/// studio's JSON error: one announced larger before anything reads it, one sent without its
/// length when Kestrel's limit (the same number) stops it while the endpoint reads.
/// </summary>
internal sealed class RequestBodyLimit(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (context.Request.ContentLength > StudioOptions.MaxRequestBodyBytes) throw TooLarge(context.Request);
        await next(context);
        // The endpoint's body reading answers Kestrel's refusal with a bare 413; give it the error body.
        if (context.Response.StatusCode == StatusCodes.Status413PayloadTooLarge && !context.Response.HasStarted) throw TooLarge(context.Request);
    }

    public static StudioRequestException TooLarge(HttpRequest request) =>
        new(StatusCodes.Status413PayloadTooLarge, $"{request.Method} {request.Path}", "the request body is too large",
            $"at most {StudioOptions.MaxRequestBodyBytes} bytes");
}
