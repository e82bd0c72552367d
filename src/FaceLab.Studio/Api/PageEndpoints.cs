using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.StaticFiles;

namespace FaceLab.Studio.Api;

/// <summary>
/// Serves the page: the files of <c>wwwroot/</c>, embedded in this assembly as <c>wwwroot/NAME</c>
/// (no build step, nothing to find on disk). Only those names are served; anything else is 404.
/// </summary>
internal static class PageEndpoints
{
    private const string Prefix = "wwwroot/";

    private static readonly FileExtensionContentTypeProvider ContentTypes = new();

    private static readonly HashSet<string> Files =
        [.. typeof(PageEndpoints).Assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)).Select(n => n[Prefix.Length..])];

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/", (HttpContext context) => Serve("index.html", context));
        app.MapGet("/{**file}", (string file, HttpContext context) => Serve(file, context));
    }

    private static IResult Serve(string file, HttpContext context)
    {
        if (!Files.Contains(file)) return Results.NotFound(new { error = new ErrorBody(file, "no such page file", null) });
        context.Response.Headers.CacheControl = "no-cache"; // a new FaceLab build may change them
        var stream = typeof(PageEndpoints).Assembly.GetManifestResourceStream(Prefix + file)!;
        return Results.Stream(stream, ContentTypes.TryGetContentType(file, out var type) ? type : "application/octet-stream");
    }
}
