using FaceLab.Training.Control;
using FaceLab.Training.Sessions;
using FaceLab.Tests.Support;

namespace FaceLab.Tests.Training.Control;

/// <summary>The loss curve's reduction to a number of points and the bounded preview history's thinning.</summary>
public class TrainingProgressTests
{
    private static LossPoint[] Points(int count) =>
        [.. Enumerable.Range(1, count).Select(i => new LossPoint(i, i, 2f * i))];

    [Fact]
    public void ALongCurveIsReducedToMeansOfEqualRuns()
    {
        var curve = LossCurve.Of(Points(1000), lastIterations: null, maxPoints: 4);

        Assert.Equal(1000, curve.Count);
        Assert.Equal([250L, 500, 750, 1000], curve.Iterations);
        Assert.Equal([125.5f, 375.5f, 625.5f, 875.5f], curve.Source); // the mean of 1..250 is 125.5
        Assert.Equal([251f, 751f, 1251f, 1751f], curve.Destination);
    }

    [Fact]
    public void ARangeKeepsOnlyTheLastIterationsAndAShortCurveKeepsEveryPoint()
    {
        var last = LossCurve.Of(Points(1000), lastIterations: 10, maxPoints: 800);
        var empty = LossCurve.Of([], lastIterations: 5000, maxPoints: 800);

        Assert.Equal([.. Enumerable.Range(991, 10).Select(i => (long)i)], last.Iterations);
        Assert.Equal(991f, last.Source[0]);
        Assert.Empty(empty.Iterations);
    }

    [Fact]
    public void AFullHistoryDropsTheInnerPreviewWhoseNeighboursAreClosest()
    {
        var kept = new List<long> { 10, 20, 30, 40, 50, 60 };

        var dropped = PreviewHistory.ToDrop(kept, limit: 4);

        Assert.Equal([20L, 40], dropped);
        Assert.Equal([10L, 30, 50, 60], kept); // first and newest stay; the rest spread over the run
    }

    [Fact]
    public void AHistoryWrittenEveryTwoIterationsStaysWithinItsLimitAndSpansTheRun()
    {
        using var folder = new TempFolder();
        Directory.CreateDirectory(PreviewHistory.FolderOf(folder.Path));
        for (var iteration = 2L; iteration <= 400; iteration += 2)
        {
            File.WriteAllBytes(PreviewHistory.PathOf(folder.Path, iteration), [0xFF]);
            PreviewHistory.Thin(folder.Path, limit: 20);
        }

        var kept = PreviewHistory.Iterations(folder.Path);

        Assert.Equal(20, kept.Count);
        Assert.Equal((2L, 400L), (kept[0], kept[^1]));
        var gaps = kept.Zip(kept.Skip(1), (a, b) => b - a).ToList();
        Assert.True(gaps.Max() <= 2 * 400 / 19, $"gaps {string.Join(", ", gaps)}: not spread over the run");
    }
}
