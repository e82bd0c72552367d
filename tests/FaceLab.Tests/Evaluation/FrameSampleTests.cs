using FaceLab.Evaluation;

namespace FaceLab.Tests.Evaluation;

public class FrameSampleTests
{
    [Fact]
    public void AllFramesWhenTheyFit()
    {
        int[] frames = [0, 1, 2, 5, 6];
        Assert.Equal(frames, FrameSample.Runs(frames, null, 5));
        Assert.Equal(frames, FrameSample.Runs(frames, 5, 5));
    }

    [Fact]
    public void RunsOfConsecutiveFramesSpreadFromFirstToLastWithoutOverlap()
    {
        var frames = Enumerable.Range(0, 765).ToList();

        var chosen = FrameSample.Runs(frames, 200, 5);

        Assert.Equal(200, chosen.Count);
        Assert.Equal(chosen.Count, chosen.Distinct().Count());
        Assert.Equal(0, chosen[0]);
        Assert.Equal(764, chosen[^1]);
        for (var run = 0; run < 40; run++)
            Assert.Equal(Enumerable.Range(chosen[run * 5], 5), chosen.Skip(run * 5).Take(5));
    }
}
