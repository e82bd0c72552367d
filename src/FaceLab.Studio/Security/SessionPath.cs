using Microsoft.AspNetCore.Http;

namespace FaceLab.Studio.Security;

/// <summary>
/// The random first segment of every URL of one studio run (<c>/s-Xy3.../</c>), to which the
/// session cookie is scoped. Cookies ignore the port: scoped to <c>/</c>, the cookie would go to
/// every other web server on 127.0.0.1 that the browser visits. The page uses relative URLs only.
/// </summary>
public sealed class SessionPath
{
    private SessionPath(string value) => Value = value;

    /// <summary>The segment with its leading slash and without a trailing one.</summary>
    public string Value { get; }

    public static SessionPath Create() => new("/s-" + SessionToken.RandomUrlSafe(16));
}

/// <summary>
/// Answers only under the <see cref="SessionPath"/>: moves it from the request's path to its path
/// base (endpoints see <c>/api/...</c>), adds the trailing slash the page's relative URLs need,
/// and gives 404 to anything else.
/// </summary>
internal sealed class SessionPathGate(RequestDelegate next, SessionPath session)
{
    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (!request.Path.StartsWithSegments(session.Value, out var rest))
            throw StudioRequestException.NotFound($"{request.Method} {request.Path}", "no such page", "open the URL that facelab studio printed");
        if (!rest.HasValue)
        {
            context.Response.Redirect(session.Value + "/" + request.QueryString);
            return Task.CompletedTask;
        }
        request.PathBase = session.Value;
        request.Path = rest;
        return next(context);
    }
}
