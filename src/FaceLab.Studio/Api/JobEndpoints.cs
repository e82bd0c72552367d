using System.Text.Json;
using FaceLab.Studio.Jobs;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace FaceLab.Studio.Api;

/// <summary>The jobs' API and the live channel: server-sent events with each job whenever it changed.</summary>
internal static class JobEndpoints
{
    /// <summary>At most this many updates a second per page: a fast operation reports thousands.</summary>
    private static readonly TimeSpan MinInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>A comment this often keeps proxies and the browser from closing a quiet channel.</summary>
    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(15);

    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/jobs", (JobRunner jobs) => jobs.All.Select(j => j.Snapshot()));
        api.MapGet("/jobs/{id:int}", (int id, JobRunner jobs) => jobs.Get(id).Snapshot());
        api.MapGet("/jobs/{id:int}/log", (int id, int? from, JobRunner jobs) => jobs.Get(id).LogLines(from ?? 0));
        api.MapPost("/jobs/{id:int}/cancel", (int id, JobRunner jobs) =>
        {
            var job = jobs.Get(id);
            job.Cancel();
            return job.Snapshot();
        });
        api.MapPost("/jobs/sort", (SortJobRequest request, FaceJobs faces) => Results.Accepted(null, faces.StartSort(request).Snapshot()));
        api.MapPost("/jobs/extract", (ExtractJobRequest request, FaceJobs faces) => Results.Accepted(null, faces.StartExtract(request).Snapshot()));
        api.MapGet("/events", StreamAsync);
    }

    /// <summary>
    /// Sends every job once, then each job again whenever its version changed, until the page goes
    /// away or the studio stops. A page that reconnects gets the whole state again.
    /// </summary>
    private static async Task StreamAsync(HttpContext context, JobRunner jobs, IHostApplicationLifetime lifetime, IOptions<JsonOptions> json)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
        var ct = stop.Token;
        var response = context.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-store";
        var sent = new Dictionary<int, long>();
        try
        {
            await response.WriteAsync(": connected\n\n", ct);
            while (!ct.IsCancellationRequested)
            {
                var next = jobs.NextChange; // taken before reading, so no change between the two is missed
                foreach (var snapshot in jobs.All.Select(j => j.Snapshot()))
                {
                    if (sent.TryGetValue(snapshot.Id, out var version) && version == snapshot.Version) continue;
                    sent[snapshot.Id] = snapshot.Version;
                    await response.WriteAsync($"event: job\ndata: {JsonSerializer.Serialize(snapshot, json.Value.SerializerOptions)}\n\n", ct);
                }
                await response.Body.FlushAsync(ct);
                try
                {
                    await next.WaitAsync(KeepAlive, ct);
                }
                catch (TimeoutException)
                {
                    await response.WriteAsync(": keep-alive\n\n", ct);
                }
                await Task.Delay(MinInterval, ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The page closed or the studio stops: the stream just ends.
        }
    }
}
