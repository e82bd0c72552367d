using System.Net.Http.Json;
using FaceLab.Studio;
using FaceLab.Studio.Security;
using FaceLab.Tests.Support;

namespace FaceLab.Tests.Studio;

/// <summary>
/// A studio served on a free loopback port over its own copy of the fixture's workspace, with an
/// HTTP client that sends the token (<see cref="Client"/>) and one that does not (<see cref="Anonymous"/>).
/// </summary>
public sealed class RunningStudio : IAsyncDisposable
{
    private readonly TempFolder _folder;

    private RunningStudio(TempFolder folder, string workspace, StudioServer server)
    {
        _folder = folder;
        Workspace = workspace;
        Server = server;
        Client = new HttpClient { BaseAddress = server.Address };
        Client.DefaultRequestHeaders.Add(SessionToken.HeaderName, server.Token.Value);
        Anonymous = new HttpClient { BaseAddress = server.Address };
    }

    public string Workspace { get; }

    public StudioServer Server { get; }

    public HttpClient Client { get; }

    public HttpClient Anonymous { get; }

    /// <summary>The scratch folder the workspace copy lives in (for files outside the workspace).</summary>
    public TempFolder Scratch => _folder;

    public static async Task<RunningStudio> StartAsync(StudioWorkspaceFixture data)
    {
        var folder = new TempFolder();
        var workspace = data.CopyTo(folder.Combine("workspace"));
        return new RunningStudio(folder, workspace, await StudioServer.StartAsync(new StudioOptions { Workspace = workspace }));
    }

    public string Combine(params string[] parts) => Path.Combine([Workspace, .. parts]);

    /// <summary>Polls the job until it is no longer running (or fails the test after <paramref name="seconds"/>).</summary>
    public async Task<JobView> WaitForJobAsync(int id, int seconds = 60)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var job = (await Client.GetFromJsonAsync<JobView>($"api/jobs/{id}"))!;
            if (job.State != "running") return job;
            Assert.True(DateTime.UtcNow < deadline, $"job {id} still running after {seconds} s");
            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        Anonymous.Dispose();
        await Server.DisposeAsync();
        _folder.Dispose();
    }
}

/// <summary>A job as the API returns it, read independently of the studio's own types.</summary>
public sealed record JobView(int Id, string Kind, string Resource, string State, ProgressView? Progress, string? Summary, ErrorView? Error, int LogLines);

public sealed record ProgressView(string Stage, long Done, long? Total, string Unit);

/// <summary>The studio's error body: the library's subject, problem and hint.</summary>
public sealed record ErrorView(string Subject, string Problem, string? Hint);

public sealed record ErrorResponse(ErrorView Error);
