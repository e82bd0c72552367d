using FaceLab.Common;
using FaceLab.Studio.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;

namespace FaceLab.Studio.Api;

/// <summary>An error as the page receives it: the library's <see cref="FaceLabException"/> fields.</summary>
public sealed record ErrorBody(string Subject, string Problem, string? Hint)
{
    public static ErrorBody Of(FaceLabException e) => new(e.Subject, e.Problem, e.Hint);
}

/// <summary>
/// Turns every failure of a request into JSON <c>{"error": {subject, problem, hint}}</c> with a
/// fitting status: refusals keep theirs, the library's errors are 400, an oversized body is 413,
/// and anything unexpected is 500 (logged, without internals in the answer).
/// </summary>
internal sealed class ErrorResponses(RequestDelegate next, ILogger<ErrorResponses> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
            // Refusals the framework answers without a body (415, 405, an unknown host name) get one too.
            if (context.Response.StatusCode >= 400 && !context.Response.HasStarted)
                await WriteAsync(context, context.Response.StatusCode, new ErrorBody($"{context.Request.Method} {context.Request.Path}", Plain(context.Response.StatusCode), null));
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The page went away; nobody is left to answer.
        }
        catch (Exception e) when (!context.Response.HasStarted)
        {
            var (status, body) = Describe(e, context.Request);
            if (status == StatusCodes.Status500InternalServerError) StudioLog.RequestFailed(logger, e, context.Request.Method, context.Request.Path);
            await WriteAsync(context, status, body);
        }
    }

    private static async Task WriteAsync(HttpContext context, int status, ErrorBody body)
    {
        context.Response.Clear();
        context.Response.StatusCode = status;
        await context.Response.WriteAsJsonAsync(new { error = body });
    }

    /// <summary>The status's reason in lower case: "unsupported media type".</summary>
    private static string Plain(int status) =>
        (ReasonPhrases.GetReasonPhrase(status) is { Length: > 0 } reason ? reason : $"HTTP {status}").ToLowerInvariant();

    private static (int Status, ErrorBody Body) Describe(Exception e, HttpRequest request) => e switch
    {
        StudioRequestException r => (r.Status, ErrorBody.Of(r)),
        FaceLabException f => (StatusCodes.Status400BadRequest, ErrorBody.Of(f)),
        BadHttpRequestException b when b.StatusCode == StatusCodes.Status413PayloadTooLarge => (b.StatusCode, ErrorBody.Of(RequestBodyLimit.TooLarge(request))),
        BadHttpRequestException b => (b.StatusCode, new ErrorBody($"{request.Method} {request.Path}", "malformed request", null)),
        IOException or UnauthorizedAccessException => (StatusCodes.Status400BadRequest, new ErrorBody($"{request.Method} {request.Path}", e.Message.ReplaceLineEndings(" "), null)),
        _ => (StatusCodes.Status500InternalServerError, new ErrorBody($"{request.Method} {request.Path}", "internal error", "see the studio's console")),
    };
}
