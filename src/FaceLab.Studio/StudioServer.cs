using System.Net;
using FaceLab.Common;
using System.Text.Json.Serialization;
using FaceLab.Studio.Api;
using FaceLab.Studio.Faces;
using FaceLab.Studio.Hosting;
using FaceLab.Studio.Jobs;
using FaceLab.Studio.Manual;
using FaceLab.Studio.Merging;
using FaceLab.Studio.Security;
using FaceLab.Studio.Training;
using FaceLab.Workspace;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FaceLab.Studio;

/// <summary>
/// A running studio: Kestrel on 127.0.0.1 only, serving the page, the JSON API under <c>api/</c>
/// and the live channel over one workspace, all under a random session path. Every request passes,
/// in order: the host check (a DNS-rebinding page names another host), the session path, the
/// same-origin check for changes, the token gate, the body size limit.
/// </summary>
public sealed class StudioServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private StudioServer(WebApplication app, SessionToken token, Uri address)
    {
        _app = app;
        Token = token;
        Address = address;
    }

    /// <summary>The studio's root, e.g. <c>http://127.0.0.1:40123/s-Xy3.../</c>; its URLs are relative to it.</summary>
    public Uri Address { get; }

    public SessionToken Token { get; }

    /// <summary>The URL to open: the root with the token, which sets the page's cookie.</summary>
    public Uri TokenUrl => new(Address, $"?{SessionToken.QueryName}={Token.Value}");

    /// <param name="logging">Where the server logs (unexpected failures); null: nowhere.</param>
    public static async Task<StudioServer> StartAsync(StudioOptions options, Action<ILoggingBuilder>? logging = null)
    {
        options = options.Validate();
        var token = SessionToken.Create();
        var session = SessionPath.Create();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        logging?.Invoke(builder.Logging);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, options.Port);
            kestrel.Limits.MaxRequestBodySize = StudioOptions.MaxRequestBodyBytes;
            kestrel.AddServerHeader = false;
        });
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase)));
        builder.Services.AddSingleton<IHostLifetime, EmbeddedHostLifetime>();
        builder.Services.AddSingleton(token);
        builder.Services.AddSingleton(session);
        builder.Services.AddSingleton(new WorkspacePaths(options.Workspace));
        builder.Services.AddSingleton(new ThumbnailCache(options.Workspace));
        builder.Services.AddSingleton<JobRunner>();
        builder.Services.AddSingleton<FaceJobs>();
        builder.Services.AddSingleton<TrainingJobs>();
        builder.Services.AddSingleton<ManualFaces>();
        builder.Services.AddSingleton(WorkspaceLayout.At(options.Workspace));
        builder.Services.AddSingleton<MergePreviews>();
        builder.Services.AddSingleton<MergeJobs>();

        var app = builder.Build();
        app.UseMiddleware<ErrorResponses>();
        app.UseMiddleware<LoopbackHostGuard>();
        app.UseMiddleware<SessionPathGate>();
        app.UseMiddleware<SameOriginGuard>();
        app.UseMiddleware<TokenGate>();
        app.UseMiddleware<RequestBodyLimit>();
        app.Use((context, next) =>
        {
            context.Response.Headers.XContentTypeOptions = "nosniff";
            context.Response.Headers["Referrer-Policy"] = "no-referrer";
            context.Response.Headers.XFrameOptions = "DENY";
            context.Response.Headers.ContentSecurityPolicy = "default-src 'self'; img-src 'self' data:; object-src 'none'; frame-ancestors 'none'";
            return next(context);
        });
        app.UseRouting(); // here, not first: routes match the path the session path gate leaves
        var api = app.MapGroup("/api");
        FaceEndpoints.Map(api);
        JobEndpoints.Map(api);
        TrainEndpoints.Map(api);
        ManualFaceEndpoints.Map(api);
        MergeEndpoints.Map(api);
        PageEndpoints.Map(app);

        try
        {
            await app.StartAsync();
        }
        catch (IOException e) when (e.InnerException is AddressInUseException)
        {
            await app.DisposeAsync();
            throw new FaceLabException($"127.0.0.1:{options.Port}", "the port is in use by another program", "choose another port, or none for a free one");
        }
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new StudioServer(app, token, new Uri(new Uri(bound).GetLeftPart(UriPartial.Authority) + session.Value + "/"));
    }

    /// <summary>Stops taking requests, cancels running jobs and waits for them to keep what they finished.</summary>
    public async Task StopAsync()
    {
        await _app.StopAsync();
        await _app.Services.GetRequiredService<JobRunner>().DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await _app.DisposeAsync();
    }
}
