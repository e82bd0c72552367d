using FaceLab.Common;
using FaceLab.Farm;
using FaceLab.Tests.Support;
using FaceLab.Workspace;

namespace FaceLab.Tests.Farm;

/// <summary>The plan guards the inputs: a shard whose frames changed, or a plan edited by hand, is refused.</summary>
public class FarmManifestTests
{
    private static (FarmPaths Paths, string[] Frames) Workspace(TempFolder temp)
    {
        var layout = WorkspaceLayout.At(temp.Path);
        Directory.CreateDirectory(layout.DestinationFrames);
        var source = Directory.GetFiles(Path.Combine(TestPaths.SharedLandmarks, "ibug300w_lfpw_68pt"), "*.png").Order(StringComparer.Ordinal).Take(4).ToArray();
        var frames = source.Select((f, i) => Path.Combine(layout.DestinationFrames, $"{i + 1:D5}.png")).ToArray();
        for (var i = 0; i < frames.Length; i++) File.Copy(source[i], frames[i]);
        return (new FarmPaths(layout, FarmStage.ExtractDestination), frames);
    }

    private static readonly ExtractionSettings Settings = new("ultraface", "dlib", "full", 128, "jpg", 95, 0, false);

    [Fact]
    public async Task A_shard_refuses_frames_changed_since_the_plan()
    {
        using var temp = new TempFolder();
        var (paths, frames) = Workspace(temp);
        var manifest = FarmJob.PlanExtraction(paths, shards: 2, shardSize: null, Settings);
        FarmJob.Save(paths, manifest);
        Assert.Equal(2, manifest.ShardSize);
        File.Copy(frames[2], frames[0], overwrite: true); // frame 1 replaced by another picture

        var error = await Assert.ThrowsAsync<FaceLabException>(() => FarmJob.RunShardAsync(paths, FarmJob.Load(paths), manifest.Shard(0), 1));
        Assert.Equal(frames[0], error.Subject);
        Assert.Contains("changed since the job was planned", error.Problem);
        Assert.False(File.Exists(paths.MarkerOf(manifest.Shard(0))));
        Assert.False(Directory.Exists(paths.Output) && Directory.EnumerateFiles(paths.Output).Any());
    }

    [Fact]
    public void A_plan_edited_by_hand_is_refused()
    {
        using var temp = new TempFolder();
        var (paths, _) = Workspace(temp);
        FarmJob.Save(paths, FarmJob.PlanExtraction(paths, shards: null, shardSize: 3, Settings));
        Assert.Equal(2, FarmJob.Load(paths).ShardCount);
        File.WriteAllText(paths.Manifest, File.ReadAllText(paths.Manifest).Replace("\"size\": 128", "\"size\": 256", StringComparison.Ordinal));
        Assert.Contains("changed by hand", Assert.Throws<FaceLabException>(() => FarmJob.Load(paths)).Problem);
    }
}
