using System.Diagnostics;
using FaceLab.Tests.Media;
using FaceLab.Tests.Support;
using Xunit.Abstractions;

namespace FaceLab.Tests.Crashes;

/// <summary>
/// kill -9 of <c>facelab video assemble</c> at random moments and inside the write of the video (its
/// temporary file seen before and after the kill, the rename held by the pause): the output is
/// either absent or a complete video with the uninterrupted run's frames, and a rerun ends with it
/// and removes the killed runs' temporary files.
/// </summary>
public sealed class VideoAssembleKillTests(ShortClipFixture clip, ITestOutputHelper output) : IClassFixture<ShortClipFixture>
{
    [Fact]
    public async Task AKilledAssemblyLeavesNoVideoOrAWholeOne()
    {
        using var temp = new TempFolder();
        var frames = Path.GetDirectoryName(clip.SourceFrames[0])!;
        string[] Assemble(string video) => ["video", "assemble", "--frames", frames, "--reference", clip.Clip, "--out", video, "--overwrite"];
        var timer = Stopwatch.StartNew();
        var uninterrupted = CliProcess.Run(temp.Path, Assemble(temp.Combine("reference.mp4")));
        Assert.True(uninterrupted.ExitCode == 0, uninterrupted.Stderr);
        var runTime = timer.Elapsed;
        var reference = FrameHashes(temp.Combine("reference.mp4"));
        Assert.Equal(clip.SourceFrames.Length, reference.Length);

        var campaign = new KillCampaign(output);
        var folder = temp.Combine("out");
        Directory.CreateDirectory(folder);
        var video = Path.Combine(folder, "result.mp4");
        var pause = new Dictionary<string, string> { ["FACELAB_FAULT_PAUSE_BEFORE_RENAME_MS"] = "500" };
        var (runs, complete) = (0, 0);
        var plan = new KillPlan(temp.Path, Assemble(video), runTime, pause, _ =>
        {
            if (!File.Exists(video)) return;
            Assert.Equal(reference, FrameHashes(video)); // never half a video under the final name
            complete++;
        })
        {
            // Runs take turns starting without a video and with a complete one to replace, so both are tried.
            BeforeRun = () =>
            {
                if (runs++ % 2 == 0) File.Delete(video);
                else if (!File.Exists(video)) File.Copy(temp.Combine("reference.mp4"), video);
            },
        };
        await campaign.RunAsync(plan, KillCampaign.KillsPerMoment(3), seed: 13, _ =>
        {
            var stale = FileHashes.Temporaries(folder).ToHashSet();
            return new WriteMoment(() => FileHashes.Temporaries(folder).FirstOrDefault(t => t.StartsWith(".result.", StringComparison.Ordinal) && !stale.Contains(t)));
        });

        var rerun = CliProcess.Run(temp.Path, Assemble(video));
        Assert.True(rerun.ExitCode == 0, rerun.Stderr);
        Assert.Equal(reference, FrameHashes(video));
        Assert.Empty(FileHashes.Temporaries(folder)); // the killed runs' temporary videos were removed
        output.WriteLine(campaign.Summary("video assemble") + $"; a complete video was there after {complete} of the runs");
    }

    /// <summary>The MD5 of every decoded frame, as ffmpeg's framemd5 muxer gives them.</summary>
    private static string[] FrameHashes(string video) =>
        [.. MediaOracle.Run("ffmpeg", "-v", "error", "-i", video, "-map", "0:v:0", "-f", "framemd5", "-")
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.StartsWith('#')).Select(l => l.Split(',')[^1].Trim())];
}
