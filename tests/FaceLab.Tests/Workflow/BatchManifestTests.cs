using FaceLab.Common;
using FaceLab.Tests.Support;
using FaceLab.Workflow;

namespace FaceLab.Tests.Workflow;

/// <summary>A batch manifest is checked whole before anything runs: every error is one line naming the file and the pair.</summary>
public sealed class BatchManifestTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public BatchManifestTests()
    {
        File.WriteAllBytes(_folder.Combine("a.mp4"), [1]);
        Directory.CreateDirectory(_folder.Combine("clips"));
        File.WriteAllBytes(_folder.Combine("clips", "b.mp4"), [1]);
    }

    private string Write(string json)
    {
        var path = _folder.Combine("batch.json");
        File.WriteAllText(path, json);
        return path;
    }

    private FaceLabException Refused(string json)
    {
        var path = Write(json);
        var e = Assert.Throws<FaceLabException>(() => BatchManifest.Load(path));
        Assert.StartsWith(path + ": ", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
        return e;
    }

    [Theory]
    [InlineData("""{ "pairs": [ { "name": "x", """, "is not a batch manifest (not valid JSON")]
    [InlineData("""{ "pairs": [] }""", "lists no pairs")]
    [InlineData("""{ "pairs": [ { "name": "x", "src": "a.mp4", "dst": "missing.mp4" } ] }""", "pair 0 \"x\": dst ")]
    [InlineData("""{ "pairs": [ { "name": "x", "src": "a.mp4", "dst": "a.mp4" }, { "name": "X", "src": "a.mp4", "dst": "a.mp4" } ] }""", "pair 1 \"X\": has the name of an earlier pair")]
    [InlineData("""{ "pairs": [ { "name": "../up", "src": "a.mp4", "dst": "a.mp4" } ] }""", "pair 0 \"../up\": is not a safe folder name")]
    [InlineData("""{ "pairs": [ { "src": "a.mp4", "dst": "a.mp4" } ] }""", "pair 0: has no name")]
    [InlineData("""{ "pairs": [ { "name": "x", "src": "a.mp4", "dst": "a.mp4", "minuts": 3 } ] }""", "not valid JSON at $.pairs[0].minuts")]
    [InlineData("""{ "training": { "preset": "huge" }, "pairs": [ { "name": "x", "src": "a.mp4", "dst": "a.mp4" } ] }""", "pair 0 \"x\": ")]
    [InlineData("""{ "pairs": [ { "name": "x", "src": "a.mp4", "dst": "a.mp4", "keep_src_faces": 2 } ] }""", "pair 0 \"x\": share of src faces kept 2")]
    public void A_bad_manifest_is_refused_with_one_line_naming_the_file_and_the_pair(string json, string problem)
    {
        var e = Refused(json);
        Assert.Contains(problem, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Paths_are_relative_to_the_manifest_and_a_pair_overrides_the_batch_settings()
    {
        var manifest = BatchManifest.Load(Write("""
            {
              "training": { "preset": "tiny", "minutes": 2 },
              "src_frame_budget": 50,
              "pairs": [
                { "name": "one", "src": "a.mp4", "dst": "clips/b.mp4" },
                { "name": "two", "src": "clips/b.mp4", "dst": "a.mp4", "training": { "target_iter": 500 }, "src_fps": 5 },
              ]
            }
            """));
        Assert.Equal(_folder.Combine("batch-workspaces"), manifest.Workspaces);
        var (one, two) = (manifest.Pairs[0], manifest.Pair("two"));
        Assert.Equal(_folder.Combine("batch-workspaces", "one"), one.Workspace);
        Assert.Equal(_folder.Combine("clips", "b.mp4"), one.Options.DestinationVideo);
        Assert.Equal(("tiny", 2.0, (long?)null, 50, (double?)null), (one.Options.Training.Preset, one.Options.Training.Minutes, one.Options.Training.TargetIteration, one.Options.SourceFrameBudget, one.Options.SourceFps));
        Assert.Equal(("tiny", 2.0, (long?)500, 5.0), (two.Options.Training.Preset, two.Options.Training.Minutes, two.Options.Training.TargetIteration, two.Options.SourceFps!.Value));
        Assert.Same(two, manifest.Pair("1"));
        Assert.NotEqual(one.Settings, two.Settings);
        Assert.Contains("has no pair \"2\"", Assert.Throws<FaceLabException>(() => manifest.Pair("2")).Message, StringComparison.Ordinal);

        // The same pair with another setting has another settings hash (its done result no longer counts).
        var changed = BatchManifest.Load(Write("""{ "training": { "preset": "tiny", "minutes": 3 }, "src_frame_budget": 50, "pairs": [ { "name": "one", "src": "a.mp4", "dst": "clips/b.mp4" } ] }"""));
        Assert.NotEqual(one.Settings, changed.Pairs[0].Settings);
        Assert.NotEqual(manifest.Hash, changed.Hash);
    }

    [Fact]
    public void A_csv_list_of_name_src_dst_takes_the_default_settings()
    {
        var path = _folder.Combine("queue.csv");
        File.WriteAllText(path, "name,src,dst\n# a comment\none, a.mp4 ,clips/b.mp4\n\ntwo,clips/b.mp4,a.mp4\n");
        var manifest = BatchManifest.Load(path);
        Assert.Equal(["one", "two"], manifest.Pairs.Select(p => p.Name));
        Assert.Equal(_folder.Combine("a.mp4"), manifest.Pairs[0].Options.SourceVideo);
        Assert.Equal(_folder.Combine("queue-workspaces", "two"), manifest.Pairs[1].Workspace);
        Assert.Equal(SwapTrainingRecipe.CpuDemo, manifest.Pairs[0].Options.Training);

        File.WriteAllText(path, "one,a.mp4\n");
        var e = Assert.Throws<FaceLabException>(() => BatchManifest.Load(path));
        Assert.Equal($"{path}: line 1 has 2 fields, not 3 (write each pair as name,src,dst)", e.Message);
    }

    [Fact]
    public async Task The_cli_prints_the_error_on_one_line_and_exits_1()
    {
        var path = Write("""{ "pairs": [ { "name": "x", "src": "a.mp4", "dst": "a.mp4" }, { "name": "x", "src": "a.mp4", "dst": "a.mp4" } ] }""");
        var result = await CliInProcess.RunAsync("batch", path);
        Assert.Equal(1, result.ExitCode);
        Assert.Equal([$"facelab: error: {path}: pair 1 \"x\": has the name of an earlier pair (give every pair its own name)"], result.StderrLines);
    }

    public void Dispose() => _folder.Dispose();
}
