using System.Diagnostics;
using FaceLab.Tests.Media;
using FaceLab.Tests.Support;
using Xunit.Abstractions;

namespace FaceLab.Tests.Crashes;

/// <summary>
/// kill -9 of <c>facelab faces extract</c> at random moments and inside the write of a face (held
/// open by the rename pause, the face's temporary file seen before and after the kill): under final
/// names there are only whole faces, each the uninterrupted run's byte for byte, and the rerun
/// resumes to exactly the uninterrupted result, leaving no temporary file.
/// </summary>
public sealed class FaceExtractKillTests(ShortClipFixture clip, ITestOutputHelper output) : IClassFixture<ShortClipFixture>
{
    private const int Frames = 24;

    /// <summary>Each face write held open for 500 ms before its rename.</summary>
    private static readonly Dictionary<string, string> Pause = new() { ["FACELAB_FAULT_PAUSE_BEFORE_RENAME_MS"] = "500" };

    [Fact]
    public async Task KilledExtractionsKeepOnlyWholeFacesAndResumeToTheSameFaces()
    {
        using var temp = new TempFolder();
        var frames = temp.Combine("frames");
        Directory.CreateDirectory(frames);
        foreach (var frame in clip.SourceFrames.Take(Frames)) File.Copy(frame, Path.Combine(frames, Path.GetFileName(frame)));
        string[] Extract(string aligned) => ["faces", "extract", frames, "--out", aligned, "--workers", "2"];
        var timer = Stopwatch.StartNew();
        var uninterrupted = CliProcess.Run(temp.Path, Extract(temp.Combine("reference")));
        Assert.True(uninterrupted.ExitCode == 0, uninterrupted.Stderr);
        var runTime = timer.Elapsed;
        var reference = FileHashes.Of(temp.Combine("reference"));
        Assert.Equal(Frames, reference.Count); // one face in every frame

        var campaign = new KillCampaign(output);
        var aligned = temp.Combine("aligned");
        var plan = new KillPlan(temp.Path, Extract(aligned), runTime, Pause, context => FileHashes.RequireSubsetOf(reference, aligned, context))
        {
            // Loading the detector takes most of the first half: random kills fall in the second, where faces are written.
            EarliestKill = 0.4,
            // A finished folder has nothing left to write: start it again.
            BeforeRun = () =>
            {
                if (FileHashes.Of(aligned).Count == Frames) Directory.Delete(aligned, recursive: true);
            },
        };
        await campaign.RunAsync(plan, KillCampaign.KillsPerMoment(3), seed: 11, random =>
        {
            var stale = FileHashes.Temporaries(aligned).ToHashSet();
            var wanted = Math.Min(FileHashes.Of(aligned).Count + random.Next(0, 4), Frames - 1);
            return new WriteMoment(() => FileHashes.Temporaries(aligned).FirstOrDefault(t => t.Contains(".jpg.", StringComparison.Ordinal) && !stale.Contains(t)),
                _ => Directory.GetFiles(aligned, "*.jpg").Length >= wanted);
        });

        var rerun = CliProcess.Run(temp.Path, Extract(aligned));
        Assert.True(rerun.ExitCode == 0, rerun.Stderr);
        Assert.Equal(reference, FileHashes.Of(aligned));
        Assert.Empty(FileHashes.Temporaries(aligned));
        output.WriteLine(campaign.Summary("faces extract"));
    }
}
