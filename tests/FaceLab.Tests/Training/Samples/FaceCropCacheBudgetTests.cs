using FaceLab.FaceSets;
using FaceLab.Training.Samples;
using OpenCvSharp;

namespace FaceLab.Tests.Training.Samples;

/// <summary>
/// The crop cache keeps at most its budget of real face crops, dropping the least recently used,
/// and a dropped crop is really freed and made again identical when next needed.
/// </summary>
public sealed class FaceCropCacheBudgetTests(AlignedFaceSetFixture fixture) : IClassFixture<AlignedFaceSetFixture>
{
    private static readonly SampleOptions Options = new() { Resolution = 128 };

    [Fact]
    public void ABudgetOfThreeCropsKeepsThreeWhateverIsAsked()
    {
        using var unbounded = new FaceCropCache(FolderFaceSet.Open(fixture.Folder), Options);
        var perFace = FaceCropCache.BytesFor(1, Options);
        using var bounded = new FaceCropCache(FolderFaceSet.Open(fixture.Folder), Options, 3 * perFace);
        Assert.True(bounded.Count >= 8, $"{bounded.Count} faces: too few to need dropping");

        // Four threads ask for random faces, each several times over.
        var random = new Random(3);
        var order = Enumerable.Range(0, bounded.Count * 6).Select(_ => random.Next(bounded.Count)).ToArray();
        var overBudget = 0L;
        Parallel.ForEach(order, new ParallelOptions { MaxDegreeOfParallelism = 4 }, index =>
        {
            var crop = bounded.Get(index);
            Assert.Equal(0.0, Cv2.Norm(crop.Image, unbounded.Get(index).Image, NormTypes.INF)); // made again, identical
            if (bounded.CachedBytes > bounded.MaxBytes) Interlocked.Increment(ref overBudget);
        });

        Assert.Equal(0, overBudget);
        Assert.Equal(3 * perFace, bounded.CachedBytes);
        Assert.Equal(bounded.Count * perFace, unbounded.CachedBytes); // unbounded, every face is kept
        Assert.True(bounded.Dropped > bounded.Count, $"{bounded.Dropped} crops dropped");
        Assert.Equal(bounded.Built - 3, bounded.Dropped);
    }

    [Fact]
    public void ADroppedCropIsFreedWithoutBeingDisposed()
    {
        var perFace = FaceCropCache.BytesFor(1, Options);
        using var bounded = new FaceCropCache(FolderFaceSet.Open(fixture.Folder), Options, 2 * perFace);
        var seen = Enumerable.Range(0, bounded.Count).Select(i => new WeakReference<FaceCrop>(bounded.Get(i))).ToList();

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        // Only the two kept crops are still alive: the memory of the others went back.
        Assert.Equal(2, seen.Count(w => w.TryGetTarget(out _)));
        Assert.True(seen[^1].TryGetTarget(out _) && seen[^2].TryGetTarget(out _));
    }

    [Fact]
    public void ABudgetBelowOneCropStreamsEveryFace()
    {
        using var none = new FaceCropCache(FolderFaceSet.Open(fixture.Folder), Options, 0);
        var first = none.Get(0);
        var again = none.Get(0);

        Assert.NotSame(first, again);
        Assert.Equal(0.0, Cv2.Norm(first.Image, again.Image, NormTypes.INF));
        Assert.Equal(0, none.CachedBytes);
        Assert.Equal(2, none.Built);
    }
}
