using System.Diagnostics;
using FaceLab.Tests.Media;
using FaceLab.Tests.Support;
using Xunit.Abstractions;

namespace FaceLab.Tests.Crashes;

/// <summary>
/// kill -9 of <c>facelab video extract</c> at random moments and while its frames are being moved
/// into place (the rename pause holds the move; the staging folder's publishing marker is seen
/// before and after the kill): every frame under a final name is the uninterrupted run's byte for
/// byte, and the rerun, with the same arguments, ends with exactly the uninterrupted frames.
/// </summary>
public sealed class VideoExtractKillTests(ShortClipFixture clip, ITestOutputHelper output) : IClassFixture<ShortClipFixture>
{
    [Fact]
    public async Task KilledFrameExtractionsKeepOnlyWholeFramesAndRestartToTheSameFrames()
    {
        using var temp = new TempFolder();
        string[] Extract(string folder) => ["video", "extract", clip.Clip, "--out", folder];
        var timer = Stopwatch.StartNew();
        var uninterrupted = CliProcess.Run(temp.Path, Extract(temp.Combine("reference")));
        Assert.True(uninterrupted.ExitCode == 0, uninterrupted.Stderr);
        var runTime = timer.Elapsed;
        var reference = FileHashes.Of(temp.Combine("reference"));
        Assert.Equal(clip.SourceFrames.Length, reference.Count);

        var campaign = new KillCampaign(output);
        var frames = temp.Combine("frames");
        var staging = Path.Combine(frames, ".extract.partial");
        string? Marker()
        {
            try
            {
                return Directory.GetFiles(staging, ".publishing", SearchOption.AllDirectories).FirstOrDefault();
            }
            catch (DirectoryNotFoundException)
            {
                return null; // no staging, or removed while listed
            }
        }
        var pause = new Dictionary<string, string> { ["FACELAB_FAULT_PAUSE_BEFORE_RENAME_MS"] = "40" };
        var plan = new KillPlan(temp.Path, Extract(frames), runTime, pause, context => FileHashes.RequireSubsetOf(reference, frames, context))
        {
            BeforeRun = () =>
            {
                if (FileHashes.Of(frames).Count == reference.Count && Marker() is null) Directory.Delete(frames, recursive: true);
            },
        };
        await campaign.RunAsync(plan, KillCampaign.KillsPerMoment(3), seed: 12, random =>
        {
            // Killed after some of the frames were moved into place, some not yet; a marker an earlier killed run left is not this run's.
            var wanted = random.Next(1, reference.Count / 2);
            // Counted, not read: the running process may be removing frames meanwhile.
            string? Moving() => Marker() is { } marker && Directory.GetFiles(frames, "*.png").Length >= wanted
                ? $"the move of the frames into place of run {Path.GetFileName(Path.GetDirectoryName(marker))}" : null;
            var stale = Moving();
            return new WriteMoment(Moving, moment => moment != stale);
        });

        var rerun = CliProcess.Run(temp.Path, Extract(frames));
        Assert.True(rerun.ExitCode == 0, rerun.Stderr);
        Assert.Equal(reference, FileHashes.Of(frames));
        Assert.False(Directory.Exists(staging)); // the staging of every killed run is gone
        output.WriteLine(campaign.Summary("video extract"));
    }
}
