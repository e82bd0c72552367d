using Microsoft.AspNetCore.Http;

namespace FaceLab.Studio.Security;

/// <summary>
/// Refuses state-changing requests (anything but GET, HEAD, OPTIONS) that a page of another origin
/// sent: browsers name the sender in <c>Origin</c> and, since 2020, say in <c>Sec-Fetch-Site</c>
/// whether it is the same origin. A request with neither (curl, a test's HTTP client) comes from no
/// web page and still needs the token.
/// </summary>
internal sealed class SameOriginGuard(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method))
            return next(context);
        var fetchSite = request.Headers["Sec-Fetch-Site"].ToString();
        if (fetchSite.Length > 0 && fetchSite is not ("same-origin" or "none"))
            throw Refused(request, $"sent by a page of another site (Sec-Fetch-Site: {fetchSite})");
        var origin = request.Headers.Origin.ToString();
        var own = $"{request.Scheme}://{request.Host}";
        if (origin.Length > 0 && !string.Equals(origin, own, StringComparison.OrdinalIgnoreCase))
            throw Refused(request, $"sent by a page of another origin ({origin})");
        return next(context);
    }

    private static StudioRequestException Refused(HttpRequest request, string why) =>
        StudioRequestException.Forbidden($"{request.Method} {request.Path}", $"refused: {why}", "only the studio's own page may change the workspace");
}
