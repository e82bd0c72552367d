using FaceLab.Farm;
using FaceLab.Media;
using FaceLab.Merging;
using FaceLab.Provenance;
using FaceLab.Tests.Support;
using FaceLab.Training.Inference;
using FaceLab.Workspace;
using Xunit.Abstractions;

namespace FaceLab.Tests.Farm;

/// <summary>
/// <c>facelab farm submit</c> on a real one-node Slurm: 4 shards of a 200-frame clip, one of them
/// killed part-way (SIGKILL, as a pre-emption or a lost node); <c>farm status</c> reports it,
/// <c>farm resume</c> reruns only it, and the result equals one process's byte for byte.
/// </summary>
[Collection(SlurmNodeFixture.Name)]
public class FarmSlurmTests(FarmWorkspaceFixture workspace, ITestOutputHelper output) : IClassFixture<FarmWorkspaceFixture>
{
    private const int Shards = 4;
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(12);

    private CliProcess.Result Facelab(string root, params string[] args)
    {
        var result = CliProcess.RunWithin(Patience, root, ["--workspace", root, .. args]);
        output.WriteLine($"$ facelab {string.Join(' ', args)} -> {result.ExitCode}\n{result.Stdout}{result.Stderr}");
        Assert.True(result.ExitCode == 0, $"facelab {string.Join(' ', args)}: {result.Stderr}");
        return result;
    }

    /// <summary>Runs the stage on Slurm with shard 1 killed part-way, checks status, resumes and checks what the resume ran.</summary>
    private void SubmitKillAndResume(string root, string stage, string shardOneFile, string shardOneFrames, params string[] planOptions)
    {
        var paths = new FarmPaths(WorkspaceLayout.At(root), FarmStages.Registry.Get(stage));
        var submitted = Facelab(root, ["farm", "submit", stage, "--shards", $"{Shards}", "--max-parallel", "2", .. planOptions]);
        var array = SlurmNodeFixture.ArrayJobIn(submitted.Stdout);
        var manifest = FarmJob.Load(paths);
        SlurmNodeFixture.KillWhenPartWay(array, 1, shardOneFile, paths.MarkerOf(manifest.Shard(1)));
        SlurmNodeFixture.WaitUntilIdle(Patience);

        var status = Facelab(root, "farm", "status", stage).Stdout;
        Assert.Matches($@"\n\s+1\s+{shardOneFrames}\s+failed\s+{array}_1", status);
        foreach (var done in new[] { 0, 2, 3 }) Assert.Matches($@"\n\s+{done}\s+\d+-\d+\s+done\s+{array}_{done}", status);
        Assert.Contains("3 done, 0 running, 0 waiting, 1 failed, 0 missing", status);
        Assert.Contains("failed", status.Split('\n').Single(l => l.StartsWith("status:", StringComparison.Ordinal)).Split("finishing job")[1]); // cancelled: its shards did not all succeed
        var kept = new[] { 0, 2, 3 }.ToDictionary(i => i, i => File.GetLastWriteTimeUtc(paths.MarkerOf(manifest.Shard(i))));

        var resumed = Facelab(root, "farm", "resume", stage).Stdout;
        Assert.Contains("resume: shards 1 as array job", resumed);
        var rerun = SlurmNodeFixture.ArrayJobIn(resumed);
        SlurmNodeFixture.WaitUntilIdle(Patience);
        Assert.Equal([$"shard-1.job-{rerun}.log"], Directory.GetFiles(paths.Logs, $"shard-*.job-{rerun}.log").Select(Path.GetFileName));
        foreach (var (index, time) in kept) Assert.Equal(time, File.GetLastWriteTimeUtc(paths.MarkerOf(manifest.Shard(index))));
        Assert.Contains($"{Shards} done, 0 running, 0 waiting, 0 failed, 0 missing; finishing job", Facelab(root, "farm", "status", stage).Stdout);
        Assert.Contains("succeeded", Facelab(root, "farm", "status", stage).Stdout.Split("finishing job")[1]);
        Assert.Empty(FarmJob.UnfinishedShards(paths, manifest));
    }

    [Fact]
    public async Task A_sharded_merge_with_a_killed_shard_resumed_equals_one_process_and_assembles_the_video()
    {
        var root = workspace.Root;
        var layout = WorkspaceLayout.At(root);
        SubmitKillAndResume(root, "merge", Path.Combine(layout.Merged, "00052.png"), "51-100");

        // One process over every frame with the planned settings and model: the same bytes.
        var paths = new FarmPaths(layout, FarmStage.Merge);
        var manifest = FarmJob.Load(paths);
        using var reference = new TempFolder();
        using (var model = TrainedModel.Open(workspace.Model))
        {
            await FrameMergeRun.RunAsync(new ModelFacePredictor(model), manifest.Model!.Identity, MergeRequest.In(layout, manifest.Merge!) with
            {
                Output = reference.Combine("merged"),
                MaskOutput = reference.Combine("merged_mask"),
                Workers = 2,
            });
        }
        var merged = FileHashes.Of(layout.Merged);
        Assert.Equal(FarmWorkspaceFixture.FrameCount, merged.Count);
        Assert.Equal(FileHashes.Of(reference.Combine("merged")), merged);
        Assert.Equal(FileHashes.Of(reference.Combine("merged_mask")), FileHashes.Of(layout.MergedMask));
        Assert.Empty(FileHashes.Temporaries(layout.Merged));

        // The finishing job assembled every frame with the dst's frame rate and audio, marked.
        var video = Path.Combine(root, "result.mp4");
        var probe = MediaOracle.Probe(video);
        var source = MediaOracle.Probe(workspace.Video);
        Assert.Equal(FarmWorkspaceFixture.FrameCount, MediaOracle.DecodedFrames(probe));
        Assert.Equal(MediaOracle.FrameRate(source), MediaOracle.FrameRate(probe), 3);
        Assert.Single(MediaOracle.Streams(probe, "audio"));
        Assert.Equal(MediaOracle.AudioSeconds(workspace.Video), MediaOracle.AudioSeconds(video), 1);
        Assert.NotNull(await ProvenanceReader.ReadAsync(video));

        // A shard run again from scratch (a retry after its journal was lost) writes the same files and marker.
        var last = manifest.Shard(3);
        var marker = File.ReadAllBytes(paths.MarkerOf(last));
        Directory.Delete(last.StateFolderIn(layout.Merged), recursive: true);
        var before = File.GetLastWriteTimeUtc(Path.Combine(layout.Merged, "00200.png"));
        Facelab(root, "merge", "--shard", "3/4", "--workers", "2");
        Assert.NotEqual(before, File.GetLastWriteTimeUtc(Path.Combine(layout.Merged, "00200.png")));
        Assert.Equal(marker, File.ReadAllBytes(paths.MarkerOf(last)));
        Assert.Equal(merged, FileHashes.Of(layout.Merged));
    }

    /// <summary>40 frames (4 shards of 10) are enough to show the contract; extraction is the slow part of the fixture already.</summary>
    [Fact]
    public void A_sharded_extraction_with_a_killed_shard_resumed_equals_one_process()
    {
        const int Frames = 40;
        var root = workspace.NewExtractionWorkspace(Frames);
        var aligned = Path.Combine(root, "data_dst", "aligned");
        SubmitKillAndResume(root, "extract-dst", Path.Combine(aligned, "00012_0.jpg"), "11-20", "--size", $"{FarmWorkspaceFixture.FaceSize}");

        Assert.Equal(workspace.ReferenceFaces(Frames), FileHashes.Of(aligned));
        Assert.Empty(FileHashes.Temporaries(aligned));
        // The finishing job joined the shards' journals: a plain extraction now finds every frame done.
        var again = Facelab(root, "faces", "extract", "data_dst", "--size", $"{FarmWorkspaceFixture.FaceSize}");
        Assert.Contains($"skipped {Frames} frames extracted by an earlier run", again.Stdout);
    }
}
