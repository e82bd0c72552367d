using System.Net;
using System.Net.Http.Json;
using FaceLab.Common;
using FaceLab.FaceSets;

namespace FaceLab.Tests.Studio;

/// <summary>
/// Jobs through the API on the real server: a sort and an extraction run to the end with their
/// progress, a second job on a folder in use is refused (by a studio job or by another process's
/// lock), a job can be cancelled, and the live channel pushes every job's progress and end.
/// </summary>
[Collection(StudioCollection.Name)]
public sealed class StudioJobApiTests(StudioWorkspaceFixture data) : StudioApiTest(data)
{
    private async Task<JobView> StartAsync(string kind, object request)
    {
        using var response = await Studio.Client.PostAsJsonAsync($"api/jobs/{kind}", request);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JobView>())!;
    }

    [Fact]
    public async Task ASortJobSortsTheFolderAndReportsItsProgressAndLog()
    {
        var folder = Studio.Combine("data_dst", "aligned");
        var faces = FaceSetFolder.ListFaces(folder).Count;

        var job = await Studio.WaitForJobAsync((await StartAsync("sort", new { folder = "data_dst/aligned", method = "face-yaw" })).Id);

        Assert.Equal("succeeded", job.State);
        Assert.Equal($"sorted {faces} faces by face-yaw ({faces} measured, 0 from the cache)", job.Summary);
        Assert.Equal(new ProgressView("rename", 2L * faces, 2L * faces, "files"), job.Progress);
        Assert.Equal([.. Enumerable.Range(0, faces).Select(i => $"{i:D5}.jpg")], FaceSetFolder.ListFaces(folder).Select(Path.GetFileName));
        var log = await Studio.Client.GetFromJsonAsync<List<LogLineView>>($"api/jobs/{job.Id}/log");
        Assert.Equal("faces sort data_dst/aligned", log![0].Text);
        Assert.Contains(log, l => l.Text.StartsWith("sort by face-yaw", StringComparison.Ordinal));
        Assert.StartsWith("done: sorted", log[^1].Text);
    }

    [Fact]
    public async Task AnExtractJobWritesFacesAndASecondJobOnTheSameFolderIsRefusedWhileItRuns()
    {
        var frames = Directory.GetFiles(Studio.Combine("data_dst"), "*.png").Length;
        Directory.Delete(Studio.Combine("data_dst", "aligned"), recursive: true);

        var extract = await StartAsync("extract", new { frames = "data_dst" });
        using var sort = await Studio.Client.PostAsJsonAsync("api/jobs/sort", new { folder = "data_dst/aligned", method = "blur" });
        var done = await Studio.WaitForJobAsync(extract.Id);

        Assert.Equal(HttpStatusCode.Conflict, sort.StatusCode);
        var refusal = (await sort.Content.ReadFromJsonAsync<ErrorResponse>())!.Error;
        Assert.Equal("data_dst/aligned", refusal.Subject);
        Assert.Equal($"busy: job {extract.Id} (faces extract data_dst/aligned) is running on it", refusal.Problem);
        Assert.Equal("wait for it to finish or cancel it", refusal.Hint);
        Assert.Equal("succeeded", done.State);
        Assert.Equal(new ProgressView("extract faces", frames, frames, "frames"), done.Progress);
        Assert.Equal(frames, FaceSetFolder.ListFaces(Studio.Combine("data_dst", "aligned")).Count); // one man, one face a frame
    }

    [Fact]
    public async Task AFolderLockedByAnotherFaceLabProcessRefusesTheJobNamingTheHolder()
    {
        using var held = ResourceLock.Acquire(Studio.Combine("data_src", "aligned"), "faces extract");

        using var response = await Studio.Client.PostAsJsonAsync("api/jobs/sort", new { folder = "data_src/aligned", method = "blur" });
        using var trash = await Studio.Client.PostAsJsonAsync("api/faces/trash", new { folder = "data_src/aligned", names = new[] { "00001_0.jpg" } });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var error = (await response.Content.ReadFromJsonAsync<ErrorResponse>())!.Error;
        Assert.StartsWith("in use by another FaceLab process (PID ", error.Problem);
        Assert.Contains("faces extract", error.Problem);
        Assert.Equal(HttpStatusCode.Conflict, trash.StatusCode);
        Assert.True(File.Exists(Studio.Combine("data_src", "aligned", "00001_0.jpg")));
    }

    [Fact]
    public async Task ACancelledJobStopsAndKeepsTheFacesOfFinishedFrames()
    {
        var extract = await StartAsync("extract", new { frames = "data_dst", redo = true });
        using var cancel = await Studio.Client.PostAsync($"api/jobs/{extract.Id}/cancel", null);
        var done = await Studio.WaitForJobAsync(extract.Id);

        Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        Assert.Equal("cancelled", done.State);
        Assert.NotEmpty(FaceSetFolder.ListFaces(Studio.Combine("data_dst", "aligned")));
    }

    [Fact]
    public async Task AJobTheLibraryRefusesEndsFailedWithTheErrorsFields()
    {
        var job = await Studio.WaitForJobAsync((await StartAsync("sort", new { folder = "data_src/aligned", method = "best" })).Id);

        Assert.Equal("failed", job.State);
        Assert.Equal(new ErrorView("sorting by best", "needs the number of faces to keep", "give a face count"), job.Error); // the library's fields, no CLI flag
    }

    [Fact]
    public async Task AnUnknownMethodOrMissingFolderIsRefusedBeforeAJobStarts()
    {
        using var method = await Studio.Client.PostAsJsonAsync("api/jobs/sort", new { folder = "data_src/aligned", method = "prettiest" });
        using var folder = await Studio.Client.PostAsJsonAsync("api/jobs/sort", new { folder = "data_src/nothing", method = "blur" });

        Assert.Equal(HttpStatusCode.BadRequest, method.StatusCode);
        Assert.Equal("not a sort method", (await method.Content.ReadFromJsonAsync<ErrorResponse>())!.Error.Problem);
        Assert.Equal(HttpStatusCode.NotFound, folder.StatusCode);
        Assert.Empty((await Studio.Client.GetFromJsonAsync<List<JobView>>("api/jobs"))!);
    }

    [Fact]
    public async Task TheLiveChannelPushesAJobsProgressAndItsEnd()
    {
        using var events = await Studio.Client.GetAsync("api/events", HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await events.Content.ReadAsStreamAsync());
        Assert.Equal(": connected", await reader.ReadLineAsync());

        var job = await StartAsync("extract", new { frames = "data_src", redo = true }); // seconds long: its running states are seen
        var seen = new List<JobView>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (seen.LastOrDefault()?.State is null or "running")
        {
            var line = await reader.ReadLineAsync(timeout.Token);
            if (line?.StartsWith("data: ", StringComparison.Ordinal) == true)
                seen.Add(System.Text.Json.JsonSerializer.Deserialize<JobView>(line[6..], System.Text.Json.JsonSerializerOptions.Web)!);
        }

        Assert.All(seen, s => Assert.Equal(job.Id, s.Id));
        Assert.Equal("succeeded", seen[^1].State);
        Assert.Contains(seen, s => s.State == "running" && s.Progress is not null);
    }
}

public sealed record LogLineView(DateTimeOffset Time, string Text);
