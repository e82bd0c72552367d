using System.Net;
using System.Net.Http.Json;
using FaceLab.Common;
using OpenCvSharp;

namespace FaceLab.Tests.Studio;

/// <summary>
/// Training through the studio's API on the real server and the fixture's real faces: a tiny DF
/// run starts as a job and advances, a second run of the same model is refused (by the studio's
/// job and by another process's lock on the folder), save and backup write their files, stop
/// saves and ends the job, the losses and kept previews are served, and nothing works without the
/// token or outside the workspace.
/// </summary>
[Collection(StudioCollection.Name)]
public sealed class StudioTrainApiTests(StudioWorkspaceFixture data) : StudioApiTest(data)
{
    private const string Model = "tiny_DF";

    private static object TinyRun(string name = "tiny") =>
        new { modelType = "DF", name, preset = "tiny", batchSize = 2, previewEvery = 2 };

    private async Task<TrainView> ViewAsync() => (await Studio.Client.GetFromJsonAsync<TrainView>($"api/train/{Model}"))!;

    /// <summary>Polls the model's view until <paramref name="done"/> holds (or fails the test after <paramref name="seconds"/>).</summary>
    private async Task<TrainView> WaitForAsync(Func<TrainView, bool> done, string what, int seconds = 60)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var view = await ViewAsync();
            if (done(view)) return view;
            Assert.True(DateTime.UtcNow < deadline, $"{what}: not after {seconds} s (iteration {view.Iteration})");
            await Task.Delay(100);
        }
    }

    private static async Task WaitForFileAsync(Func<bool> exists, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!exists())
        {
            Assert.True(DateTime.UtcNow < deadline, $"{what} did not appear");
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task ATinyRunTrainsLiveSavesBacksUpAndStopsAndASecondRunOfTheModelIsRefused()
    {
        var folder = Studio.Combine("model", Model);

        using var started = await Studio.Client.PostAsJsonAsync("api/jobs/train", TinyRun());
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var job = (await started.Content.ReadFromJsonAsync<JobView>())!;
        Assert.Equal(("train", "model/tiny_DF"), (job.Kind, job.Resource));
        using var second = await Studio.Client.PostAsJsonAsync("api/jobs/train", TinyRun());
        var running = await WaitForAsync(v => v.Status?.Iteration >= 4 && v.Previews.Count >= 2, "4 iterations and 2 previews", seconds: 180); // opening a model takes long on a busy machine

        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Equal($"busy: job {job.Id} (train model/tiny_DF) is running on it", (await second.Content.ReadFromJsonAsync<ErrorResponse>())!.Error.Problem);
        Assert.Equal(job.Id, running.Job);
        Assert.True(running.Status!.Training);
        Assert.All(running.Previews, p => Assert.Equal(0, p % 2)); // a preview every 2 iterations
        var curve = (await Studio.Client.GetFromJsonAsync<CurveView>($"api/train/{Model}/losses"))!;
        Assert.True(curve.Iterations.Count >= 4);
        Assert.Equal([.. Enumerable.Range(1, curve.Iterations.Count).Select(i => (long)i)], curve.Iterations); // fewer than the points asked: one per iteration
        Assert.All(curve.Source.Concat(curve.Destination), l => Assert.InRange(l, 0.001f, 10f));
        using (var preview = Cv2.ImDecode(await Studio.Client.GetByteArrayAsync($"api/train/{Model}/preview?iteration={running.Previews[0]}"), ImreadModes.Color))
            Assert.Equal(5 * 64, preview.Width); // src, src>src, dst, dst>dst, dst>src at 64 px

        using (var save = await Studio.Client.PostAsync($"api/train/{Model}/save", null))
            Assert.Equal(HttpStatusCode.Accepted, save.StatusCode);
        await WaitForFileAsync(() => File.Exists(Path.Combine(folder, "loss.png")), "loss.png of the save");
        using (var backup = await Studio.Client.PostAsync($"api/train/{Model}/backup", null))
            Assert.Equal(HttpStatusCode.Accepted, backup.StatusCode);
        await WaitForFileAsync(() => Directory.Exists(Path.Combine(folder, "backups")) && Directory.GetDirectories(Path.Combine(folder, "backups")).Length == 1, "the backup");
        using (var stop = await Studio.Client.PostAsync($"api/train/{Model}/stop", null))
            Assert.Equal(HttpStatusCode.Accepted, stop.StatusCode);
        var ended = await Studio.WaitForJobAsync(job.Id);

        Assert.Equal("succeeded", ended.State);
        var stopped = await ViewAsync();
        Assert.Null(stopped.Status);
        Assert.Null(stopped.Job);
        Assert.Equal($"saved at iteration {stopped.Iteration}", ended.Summary);
        Assert.Equal(new ProgressView("train", stopped.Iteration, null, "iterations"), ended.Progress);
        Assert.StartsWith(stopped.Iteration.ToString("D9", System.Globalization.CultureInfo.InvariantCulture),
            File.ReadAllText(Path.Combine(folder, "checkpoints", "current")).Trim()); // the checkpoint of the stop
        var models = (await Studio.Client.GetFromJsonAsync<List<ModelEntryView>>("api/train/models"))!;
        Assert.Equal(new ModelEntryView("tiny_DF", "tiny", "DF", stopped.Iteration), Assert.Single(models));
        var saved = (await Studio.Client.GetFromJsonAsync<CurveView>($"api/train/{Model}/losses?last=2&points=1"))!; // read from the checkpoint now
        Assert.Equal([stopped.Iteration], saved.Iterations);
        using var late = await Studio.Client.PostAsync($"api/train/{Model}/save", null);
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.Equal("is not being trained", (await late.Content.ReadFromJsonAsync<ErrorResponse>())!.Error.Problem);
    }

    [Fact]
    public async Task AModelAnotherProcessTrainsIsRefusedWithTheHolderNamed()
    {
        var folder = Directory.CreateDirectory(Studio.Combine("model", Model)).FullName;
        using var held = ResourceLock.Acquire(folder, "train");

        using var response = await Studio.Client.PostAsJsonAsync("api/jobs/train", TinyRun());

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var error = (await response.Content.ReadFromJsonAsync<ErrorResponse>())!.Error;
        Assert.Equal("model/tiny_DF", error.Subject);
        Assert.StartsWith($"in use by another FaceLab process (PID {Environment.ProcessId}, train, since ", error.Problem);
        Assert.Empty((await Studio.Client.GetFromJsonAsync<List<JobView>>("api/jobs"))!);
    }

    [Fact]
    public async Task TheFormComesFromTheModelTypesDeclaredOptionsAndPresets()
    {
        var catalog = (await Studio.Client.GetFromJsonAsync<CatalogView>("api/train/catalog"))!;
        var tiny = (await Studio.Client.GetFromJsonAsync<Dictionary<string, string>>("api/train/options?type=DF&preset=tiny"))!;
        var defaults = (await Studio.Client.GetFromJsonAsync<Dictionary<string, string>>("api/train/options?type=DF"))!;

        var df = Assert.Single(catalog.Types, t => t.Name == "DF");
        Assert.Equal(["resolution", "face_type", "encoder_dims", "ae_dims", "inter_dims", "inter_upscale_dims", "decoder_dims"], df.Options.Select(o => o.Key).Take(7));
        var resolution = df.Options.Single(o => o.Key == "resolution");
        Assert.Equal(("int", 16), (resolution.Kind, resolution.Step));
        Assert.Contains("full", df.Options.Single(o => o.Key == "face_type").Choices!);
        Assert.Equal(["default", "cpu-demo", "tiny"], catalog.Presets.Select(p => p.Name));
        Assert.Equal(("64", "128"), (tiny["resolution"], defaults["resolution"]));
        Assert.Equal(df.Options.Select(o => o.Key).Order(), tiny.Keys.Order());
    }

    [Theory]
    [InlineData("api/train/catalog")]
    [InlineData("api/train/models")]
    [InlineData("api/train/tiny_DF")]
    [InlineData("api/train/tiny_DF/losses")]
    [InlineData("api/train/tiny_DF/preview")]
    public async Task TrainRequestsWithoutTheTokenAreRefused(string url)
    {
        using var response = await Studio.Anonymous.GetAsync(url);
        using var start = await Studio.Anonymous.PostAsJsonAsync("api/jobs/train", TinyRun());

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, start.StatusCode);
    }

    [Theory]
    [InlineData(".hidden_DF", HttpStatusCode.Forbidden)]
    [InlineData("..%2F..%2Fetc", HttpStatusCode.Forbidden)]
    [InlineData("outside_DF", HttpStatusCode.Forbidden)] // a symbolic link out of the workspace
    public async Task ModelsOutsideTheWorkspaceAreRefused(string model, HttpStatusCode expected)
    {
        Directory.CreateDirectory(Studio.Combine("model"));
        var outside = Directory.CreateDirectory(Studio.Scratch.Combine("outside")).FullName;
        File.WriteAllText(Path.Combine(outside, "model.json"), "{}");
        File.CreateSymbolicLink(Studio.Combine("model", "outside_DF"), outside);

        using var losses = await Studio.Client.GetAsync($"api/train/{model}/losses");
        using var preview = await Studio.Client.GetAsync($"api/train/{model}/preview");
        using var save = await Studio.Client.PostAsync($"api/train/{model}/save", null);

        Assert.Equal((expected, expected, expected), (losses.StatusCode, preview.StatusCode, save.StatusCode));
    }

    [Theory]
    [InlineData("../escape")]
    [InlineData("/tmp/absolute")]
    [InlineData(".hidden")]
    public async Task AModelNameThatIsNotAPlainNameIsRefused(string name)
    {
        using var response = await Studio.Client.PostAsJsonAsync("api/jobs/train", TinyRun(name));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("is not a plain name", (await response.Content.ReadFromJsonAsync<ErrorResponse>())!.Error.Problem);
        Assert.False(Directory.Exists(Studio.Combine("model")));
    }
}

/// <summary>The Train page's view of a model, read independently of the studio's types.</summary>
public sealed record TrainView(string Model, int? Job, TrainStatusView? Status, long Iteration, long? TargetIteration, IReadOnlyList<long> Previews);

public sealed record TrainStatusView(long Iteration, double LastIterationMs, float? SourceLoss, float? DestinationLoss, bool Training, DateTimeOffset? LastSave, string? LastMessage);

public sealed record CurveView(int Count, IReadOnlyList<long> Iterations, IReadOnlyList<float> Source, IReadOnlyList<float> Destination);

public sealed record ModelEntryView(string Folder, string Name, string ModelType, long Iteration);

public sealed record OptionFieldView(string Key, string Description, string Kind, string Range, double? Min, double? Max, int Step, IReadOnlyList<string>? Choices);

public sealed record ModelTypeView(string Name, string Summary, IReadOnlyList<OptionFieldView> Options);

public sealed record PresetView(string Name, string Description);

public sealed record CatalogView(IReadOnlyList<ModelTypeView> Types, IReadOnlyList<PresetView> Presets);
