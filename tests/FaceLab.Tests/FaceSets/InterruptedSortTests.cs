using FaceLab.FaceSets;
using FaceLab.FaceSets.Renaming;
using FaceLab.FaceSets.Sorting;
using FaceLab.Tests.Support;

namespace FaceLab.Tests.FaceSets;

/// <summary>A sort stopped between or inside its rename phases loses no face and finishes on re-run.</summary>
[Collection(FaceSetCollection.Name)]
public sealed class InterruptedSortTests(FaceSetFixture data)
{
    private sealed class SimulatedCrash : Exception;

    [Theory]
    [InlineData("temporary names", 0.5)]   // half the faces under temporary names, half under their old ones
    [InlineData("temporary names", 1.0)]   // between the phases
    [InlineData("final names", 0.3)]       // some final names taken, the rest still temporary
    public void AnInterruptedSortLosesNothingAndCanBeRerun(string phase, double fraction)
    {
        using var temp = new TempFolder();
        var dir = temp.Combine("aligned");
        FaceSetFixture.CopyFaces(dir, data.Destination);
        var all = FaceSetFixture.HashesInOrder(dir).Order().ToList();
        var trashed = all.Count - 20;
        var steps = phase == "temporary names" ? all.Count : 20;
        var crashAt = Math.Max(1, (int)(steps * fraction));
        var options = new FaceSortOptions
        {
            Count = 20,
            AfterRenameStep = (p, done) =>
            {
                var inPhase = p == "temporary names" ? done : done - all.Count;
                if (p == phase && inPhase == crashAt) throw new SimulatedCrash();
            },
        };

        Assert.Throws<SimulatedCrash>(() => FaceSetSorter.Sort(dir, "blur", options));

        // Every face is still there under some name, in the set or its trash; the journal says what was planned.
        Assert.True(File.Exists(FaceSetRenamer.JournalPath(dir)));
        var trash = FaceSetFolder.TrashOf(dir);
        Assert.Equal(all, FaceSetFixture.HashesInOrder(dir).Concat(FaceSetFixture.HashesInOrder(trash)).Order().ToList());

        var report = FaceSetSorter.Sort(dir, "blur", new FaceSortOptions { Count = 20 });

        Assert.True(report.ResumedInterruptedSort);
        Assert.False(File.Exists(FaceSetRenamer.JournalPath(dir)));
        Assert.Equal(Enumerable.Range(0, 20).Select(i => $"{i:D5}.jpg"), FaceSetFolder.ListFaces(dir).Select(Path.GetFileName));
        Assert.Equal(trashed, Directory.GetFiles(trash).Length);
        Assert.Equal(all, FaceSetFixture.HashesInOrder(dir).Concat(FaceSetFixture.HashesInOrder(trash)).Order().ToList());
        // The result is the same as an uninterrupted sort would give.
        var sharpnessOrder = FaceLab.FaceSets.Features.FaceSetScanner.Scan(dir, 2).Faces.Select(f => f.Features.Sharpness).ToList();
        Assert.Equal(sharpnessOrder.OrderByDescending(s => s), sharpnessOrder);
    }

    [Fact]
    public void CancellationBeforeTheRenamesLeavesTheFolderAsItWas()
    {
        using var temp = new TempFolder();
        var dir = temp.Combine("aligned");
        FaceSetFixture.CopyFaces(dir, data.Destination);
        var before = Directory.GetFiles(dir).Select(Path.GetFileName).Order().ToList();
        using var cts = new CancellationTokenSource();
        cts.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => FaceSetSorter.Sort(dir, "hist", new FaceSortOptions(), null, cts.Token));

        Assert.Equal(before, Directory.GetFiles(dir).Select(Path.GetFileName).Order().ToList());
    }
}
