using Microsoft.AspNetCore.Http;

namespace FaceLab.Studio.Security;

/// <summary>
/// Lets a request through only with the session token: in the <c>X-FaceLab-Token</c> header or in
/// the cookie that opening the token URL (<c>/s-.../?token=...</c>) sets. That cookie is HttpOnly,
/// SameSite=Strict and scoped to the session path, so the page's images and live channel carry it
/// and nothing else does; the URL is then redirected without the token so it stays out of the history.
/// </summary>
internal sealed class TokenGate(RequestDelegate next, SessionToken token)
{
    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        var cookieName = SessionToken.CookieName(context.Connection.LocalPort);
        if (request.Query.TryGetValue(SessionToken.QueryName, out var fromUrl))
        {
            if (!token.Matches(fromUrl.ToString())) throw Refused(request, "the token in the URL is wrong");
            context.Response.Cookies.Append(cookieName, token.Value, new CookieOptions
            {
                HttpOnly = true,
                SameSite = SameSiteMode.Strict,
                Path = request.PathBase + "/", // the session path only: see SessionPath
                IsEssential = true,
            });
            context.Response.Redirect(request.PathBase + request.Path);
            return Task.CompletedTask;
        }
        if (token.Matches(request.Headers[SessionToken.HeaderName].ToString()) || token.Matches(request.Cookies[cookieName]))
            return next(context);
        throw Refused(request, "the session token is missing or wrong");
    }

    private static StudioRequestException Refused(HttpRequest request, string problem) =>
        new(StatusCodes.Status401Unauthorized, $"{request.Method} {request.Path}", problem, "open the URL that facelab studio printed");
}
