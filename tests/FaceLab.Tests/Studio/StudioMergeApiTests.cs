using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using FaceLab.Common;
using FaceLab.Imaging;
using FaceLab.Media;
using FaceLab.Merging;
using FaceLab.Tests.Support;
using OpenCvSharp;

namespace FaceLab.Tests.Studio;

/// <summary>
/// The Merge page's API on the real server over the real workspace with a real (tiny) model: a
/// frame's preview is the merge and a changed option blends again without the model; settings saved
/// for all frames and for a range are the <c>merge.json</c> the CLI's merge follows; the merge,
/// assembly and evaluation jobs write frames, <c>result.mp4</c> (served in ranges) and
/// <c>evaluation.json</c>; a second merge into the same folder is refused, by a studio job or by
/// another process's lock; a preview needs the token and the video URL keeps to the workspace (the other URLs are in StudioSecurityApiTests).
/// </summary>
[Collection(StudioCollection.Name)]
public sealed class StudioMergeApiTests(StudioWorkspaceFixture data, StudioModelFixture model)
    : StudioApiTest(data), IClassFixture<StudioModelFixture>
{
    private readonly StudioWorkspaceFixture _data = data;

    private string InstallModel() => model.InstallInto(Studio.Workspace, _data);

    private async Task<JsonObject> StateAsync() =>
        (await Studio.Client.GetFromJsonAsync<JsonObject>("api/merge/state"))!;

    private static List<string> FrameNames(JsonObject state) =>
        [.. state["frames"]!.AsArray().Select(f => f!["name"]!.GetValue<string>())];

    private static JsonObject Settings(JsonObject state, Action<JsonObject>? change = null)
    {
        var settings = state["settings"]!.DeepClone().AsObject();
        change?.Invoke(settings);
        return settings;
    }

    private async Task<(Mat Image, bool Predicted)> PreviewAsync(string frame, JsonObject settings)
    {
        using var response = await Studio.Client.PostAsJsonAsync("api/merge/preview", new { frame, settings });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/jpeg", response.Content.Headers.ContentType!.MediaType);
        var predicted = response.Headers.GetValues("X-Merge-Predicted").Single() == "true";
        return (ImageDecoding.Decode(await response.Content.ReadAsByteArrayAsync(), frame), predicted);
    }

    private static double MeanDifference(Mat a, Mat b)
    {
        using var difference = new Mat();
        Cv2.Absdiff(a, b, difference);
        var mean = Cv2.Mean(difference);
        return (mean.Val0 + mean.Val1 + mean.Val2) / 3;
    }

    [Fact]
    public async Task APreviewIsTheFrameMergedAndAnOptionChangeBlendsAgainWithoutTheModel()
    {
        InstallModel();
        var state = await StateAsync();
        var frames = FrameNames(state);
        Assert.Equal(Directory.GetFiles(Studio.Workspace + "/data_dst", "*.png").Length, frames.Count);
        Assert.Equal(StudioModelFixture.FolderName, state["model"]!["folderName"]!.GetValue<string>());
        Assert.Equal("seamless", state["settings"]!["mode"]!.GetValue<string>());
        Assert.Contains(state["fields"]!.AsArray(), f => f!["key"]!.GetValue<string>() == "erode" && f["min"]!.GetValue<int>() == -400 && f["max"]!.GetValue<int>() == 400);
        var frame = state["frames"]!.AsArray().First(f => f!["faces"]!.GetValue<int>() == 1)!["name"]!.GetValue<string>();
        using var original = ImageDecoding.Read(Path.Combine(Studio.Workspace, "data_dst", frame));

        var (first, firstPredicted) = await PreviewAsync(frame, Settings(state));
        var (second, secondPredicted) = await PreviewAsync(frame, Settings(state, s => { s["mode"] = "overlay"; s["erode"] = 150; s["blur"] = 100; }));
        var (again, againPredicted) = await PreviewAsync(frame, Settings(state));

        using (first) using (second) using (again)
        {
            Assert.Equal(original.Size(), first.Size());
            Assert.True(firstPredicted);
            Assert.False(secondPredicted);
            Assert.False(againPredicted);
            Assert.True(MeanDifference(original, first) > 0.5, "the face was replaced");
            Assert.True(MeanDifference(first, second) > 0.2, "the options changed the image");
            Assert.True(MeanDifference(first, again) < 0.01, "the same options give the same image");
        }
        using var bad = await Studio.Client.PostAsJsonAsync("api/merge/preview", new { frame, settings = Settings(state, s => s["erode"] = 999) });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal(new ErrorView("erode", "999 is out of range", "use -400..400"), (await bad.Content.ReadFromJsonAsync<ErrorResponse>())!.Error);
        using var unknown = await Studio.Client.PostAsJsonAsync("api/merge/preview", new { frame = "99999.png", settings = Settings(state) });
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
    }

    [Fact]
    public async Task SettingsSavedForAllFramesAndForARangeAreTheMergeJsonTheCliMergeFollows()
    {
        var folder = InstallModel();
        var state = await StateAsync();
        var frames = FrameNames(state);

        var original = Settings(state, s => s["mode"] = "original");
        using var firstRange = await Studio.Client.PostAsJsonAsync("api/merge/apply", new { settings = original, frames = "5-6" });
        Assert.Equal(HttpStatusCode.OK, firstRange.StatusCode);
        Assert.Equal(MergeOptions.Default, MergeSession.Load(folder)!.Options); // the other frames keep what the page showed them
        Assert.Equal([frames[4], frames[5]], MergeSession.Load(folder)!.Overrides.Keys.Order(StringComparer.Ordinal));

        using var all = await Studio.Client.PostAsJsonAsync("api/merge/apply", new { settings = Settings(state, s => { s["mode"] = "overlay"; s["blur"] = 40; }) });
        Assert.Empty(MergeSession.Load(folder)!.Overrides); // for all frames means for every one
        using var range = await Studio.Client.PostAsJsonAsync("api/merge/apply", new { settings = original, frames = "2-3" });

        Assert.Equal(HttpStatusCode.OK, all.StatusCode);
        Assert.Equal(HttpStatusCode.OK, range.StatusCode);
        var session = MergeSession.Load(folder)!;
        Assert.Equal(MergeOptions.Default with { Mode = MergeMode.Overlay, Blur = 40 }, session.Options);
        Assert.Equal([frames[1], frames[2]], session.Overrides.Keys.Order(StringComparer.Ordinal));
        Assert.All(session.Overrides.Values, o => Assert.Equal(MergeMode.Original, o.Mode));
        var shown = await StateAsync();
        Assert.Equal("overlay", shown["settings"]!["mode"]!.GetValue<string>());
        Assert.Equal("original", shown["overrides"]![frames[1]]!["mode"]!.GetValue<string>());

        var cli = await CliInProcess.RunAsync("merge", "--workspace", Studio.Workspace, "--frames", "1-3", "--workers", "1");

        Assert.True(cli.ExitCode == 0, cli.Stderr);
        Assert.Contains("mode=overlay", cli.Stdout);
        for (var i = 0; i < 3; i++)
        {
            using var dst = ImageDecoding.Read(Path.Combine(Studio.Workspace, "data_dst", frames[i]));
            using var merged = ImageDecoding.Read(Path.Combine(Studio.Workspace, "data_dst", "merged", frames[i]));
            if (i == 0) Assert.True(MeanDifference(dst, merged) > 0.5, "frame 1 is merged with the settings of every frame");
            else Assert.Equal(0, MeanDifference(dst, merged)); // frames 2 and 3: their own settings, the original
        }
    }

    [Fact]
    public async Task MergeAndAssembleRunAsOneJobThenEvaluateAndTheVideoIsServedInRanges()
    {
        var folder = InstallModel();
        var state = await StateAsync();
        var frames = FrameNames(state);
        var frame = state["frames"]!.AsArray().First(f => f!["faces"]!.GetValue<int>() == 1)!["name"]!.GetValue<string>();
        var (preview, _) = await PreviewAsync(frame, Settings(state));

        using var started = await Studio.Client.PostAsJsonAsync("api/jobs/merge", new { assemble = new { fps = "4" } });
        using var second = await Studio.Client.PostAsJsonAsync("api/jobs/merge", new { });
        using var assembleMeanwhile = await Studio.Client.PostAsJsonAsync("api/jobs/assemble", new { fps = "4" });
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var job = await Studio.WaitForJobAsync((await started.Content.ReadFromJsonAsync<JobView>())!.Id, seconds: 300);

        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Equal("busy: job 1 (merge data_dst/merged) is running on it", (await second.Content.ReadFromJsonAsync<ErrorResponse>())!.Error.Problem);
        Assert.Equal(HttpStatusCode.Conflict, assembleMeanwhile.StatusCode);
        Assert.Equal("succeeded", job.State);
        Assert.Equal($"{frames.Count} frames merged, {state["frames"]!.AsArray().Sum(f => f!["faces"]!.GetValue<int>())} faces replaced; " +
            $"result.mp4: {frames.Count} frames at 4 fps, no audio", job.Summary);
        Assert.Equal(frames, FrameSequence.In(Path.Combine(Studio.Workspace, "data_dst", "merged")).Files.Select(f => Path.GetFileName(f)));
        var video = Path.Combine(Studio.Workspace, "result.mp4");
        Assert.Equal(frames.Count, MediaOracle.DecodedFrames(MediaOracle.Probe(video)));
        using (preview)
        using (var merged = ImageDecoding.Read(Path.Combine(Studio.Workspace, "data_dst", "merged", frame)))
            Assert.True(Cv2.PSNR(preview, merged) > 35, "the preview is what the merge wrote (up to JPEG)");

        var evaluate = await Studio.Client.PostAsJsonAsync("api/jobs/evaluate", new { maxFrames = 5 });
        var evaluated = await Studio.WaitForJobAsync((await evaluate.Content.ReadFromJsonAsync<JobView>())!.Id, seconds: 300);
        Assert.True(evaluated.State == "succeeded", evaluated.Error?.Problem);
        Assert.StartsWith("5 frames: ID retrieval ", evaluated.Summary);
        Assert.True(File.Exists(Path.Combine(folder, "evaluation.json")));
        var figures = (await Studio.Client.GetFromJsonAsync<JsonObject>("api/merge/evaluation"))!;
        Assert.Equal(5, figures["frames"]!.GetValue<int>());

        using var request = new HttpRequestMessage(HttpMethod.Get, "api/video?path=result.mp4") { Headers = { Range = new RangeHeaderValue(0, 99) } };
        using var part = await Studio.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.PartialContent, part.StatusCode);
        Assert.Equal("video/mp4", part.Content.Headers.ContentType!.MediaType);
        Assert.Equal((await File.ReadAllBytesAsync(video))[..100], await part.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task AMergeIsRefusedWhileAnotherProcessMergesIntoTheSameFolder()
    {
        InstallModel();
        var merged = Path.Combine(Studio.Workspace, "data_dst", "merged");
        Directory.CreateDirectory(merged);
        using var cli = ResourceLock.Acquire(merged, "merge");

        using var response = await Studio.Client.PostAsJsonAsync("api/jobs/merge", new { });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var error = (await response.Content.ReadFromJsonAsync<ErrorResponse>())!.Error;
        Assert.Equal("data_dst/merged", error.Subject);
        Assert.Contains("merge", error.Problem);
        Assert.Empty(await Studio.Client.GetFromJsonAsync<List<JobView>>("api/jobs") ?? []);
    }

    [Fact]
    public async Task APreviewWithoutTheTokenAndAVideoThroughALinkOutOfTheWorkspaceAreRefused()
    {
        var outside = Studio.Scratch.Combine("outside.mp4");
        await File.WriteAllBytesAsync(outside, [0, 0, 0, 24]);
        File.CreateSymbolicLink(Studio.Combine("linked.mp4"), outside);

        using var preview = await Studio.Anonymous.PostAsJsonAsync("api/merge/preview", new { frame = "00001.png" });
        using var video = await Studio.Client.GetAsync("api/video?path=linked.mp4");

        Assert.Equal(HttpStatusCode.Unauthorized, preview.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, video.StatusCode);
        Assert.Contains("outside the workspace", (await video.Content.ReadFromJsonAsync<ErrorResponse>())!.Error.Problem);
    }
}
