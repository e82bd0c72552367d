using System.Diagnostics;
using FaceLab.FaceSets.Renaming;
using FaceLab.Tests.FaceSets;
using FaceLab.Tests.Support;
using Xunit.Abstractions;

namespace FaceLab.Tests.Crashes;

/// <summary>
/// kill -9 of <c>facelab faces sort</c> at random moments and in the middle of its renames (the
/// rename pause holds each move; the sort journal is seen before and after the kill): every face
/// is still there, byte for byte, in the folder or its trash, and the rerun finishes with the
/// names, contents and trash of an uninterrupted sort.
/// </summary>
[Collection(FaceSetCollection.Name)]
public sealed class FaceSortKillTests(FaceSetFixture data, ITestOutputHelper output)
{
    [Fact]
    public async Task AKilledSortLosesNoFaceAndFinishesAsAnUninterruptedOne()
    {
        using var temp = new TempFolder();
        var faces = FaceSetFixture.Faces(data.Destination).Length;
        var keep = faces * 2 / 3;
        string[] Sort(string folder) => ["faces", "sort", folder, "--by", "blur", "--count", keep.ToString(System.Globalization.CultureInfo.InvariantCulture)];
        var referenceFolder = temp.Combine("reference");
        FaceSetFixture.CopyFaces(referenceFolder, data.Destination);
        var timer = Stopwatch.StartNew();
        var uninterrupted = CliProcess.Run(temp.Path, Sort(referenceFolder));
        Assert.True(uninterrupted.ExitCode == 0, uninterrupted.Stderr);
        var runTime = timer.Elapsed;
        var reference = (Kept: FileHashes.Of(referenceFolder), Trashed: FileHashes.Of(referenceFolder + "_trash"));
        Assert.Equal(keep, reference.Kept.Count);
        var everyFace = reference.Kept.Values.Concat(reference.Trashed.Values).Order(StringComparer.Ordinal).ToList();

        var campaign = new KillCampaign(output);
        var folder = temp.Combine("aligned");
        var trash = folder + "_trash";
        var journal = FaceSetRenamer.JournalPath(folder);
        var pause = new Dictionary<string, string> { ["FACELAB_FAULT_PAUSE_BEFORE_RENAME_MS"] = "30" };
        void StartAfresh()
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
            if (Directory.Exists(trash)) Directory.Delete(trash, recursive: true);
            FaceSetFixture.CopyFaces(folder, data.Destination);
        }
        StartAfresh();
        // No face lost or damaged: the folder and its trash hold every face, byte for byte.
        var plan = new KillPlan(temp.Path, Sort(folder), runTime, pause,
            context => Assert.True(everyFace.SequenceEqual(FileHashes.Of(folder).Values.Concat(FileHashes.Of(trash).Values).Order(StringComparer.Ordinal)), $"{context}: faces lost"))
        {
            // A finished sort has nothing left to move: start again from the extracted faces.
            BeforeRun = () =>
            {
                if (!File.Exists(journal) && FileHashes.Of(trash).Count > 0) StartAfresh();
            },
        };
        await campaign.RunAsync(plan, KillCampaign.KillsPerMoment(3), seed: 14, random =>
        {
            // Killed after some faces moved, in either phase (to temporary names or the trash, then to final names).
            var into = TimeSpan.FromMilliseconds(random.Next(0, (faces + keep) * 30));
            Stopwatch? renaming = null;
            return new WriteMoment(() => File.Exists(journal) ? "the renames of the sort" : null, _ => (renaming ??= Stopwatch.StartNew()).Elapsed >= into);
        });

        var rerun = CliProcess.Run(temp.Path, Sort(folder));
        Assert.True(rerun.ExitCode == 0, rerun.Stderr);
        Assert.Equal(reference.Kept, FileHashes.Of(folder));
        Assert.Equal(reference.Trashed, FileHashes.Of(trash));
        Assert.False(File.Exists(journal));
        output.WriteLine(campaign.Summary("faces sort"));
    }
}
