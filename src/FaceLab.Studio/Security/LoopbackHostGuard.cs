using Microsoft.AspNetCore.Http;

namespace FaceLab.Studio.Security;

/// <summary>
/// Answers only requests addressed to <c>127.0.0.1</c> or <c>localhost</c>: a page that rebinds its
/// own host name to 127.0.0.1 (DNS rebinding) reaches the port, but under its own name.
/// </summary>
internal sealed class LoopbackHostGuard(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context) =>
        context.Request.Host.Host is "127.0.0.1" or "localhost"
            ? next(context)
            : throw StudioRequestException.BadRequest($"Host: {context.Request.Host}", "refused: not a loopback host name", "open the URL that facelab studio printed");
}
