using FaceLab.Faces.Detection;
using OpenCvSharp;

namespace FaceLab.Tests.Faces.Detection;

public class NonMaxSuppressionTests
{
    private static DetectedFace Face(double x, double y, double w, double h, float score) => new(new Rect2d(x, y, w, h), score, []);

    [Fact]
    public void IntersectionOverUnionOfKnownBoxes()
    {
        Assert.Equal(1.0, NonMaxSuppression.IntersectionOverUnion(new Rect2d(0, 0, 10, 10), new Rect2d(0, 0, 10, 10)), 12);
        Assert.Equal(50.0 / 150.0, NonMaxSuppression.IntersectionOverUnion(new Rect2d(0, 0, 10, 10), new Rect2d(5, 0, 10, 10)), 12);
        Assert.Equal(0.0, NonMaxSuppression.IntersectionOverUnion(new Rect2d(0, 0, 10, 10), new Rect2d(10, 0, 10, 10)));
        Assert.Equal(0.0, NonMaxSuppression.IntersectionOverUnion(new Rect2d(0, 0, 0, 0), new Rect2d(0, 0, 0, 0)));
    }

    [Fact]
    public void IntersectionOverMinimumIsOneForANestedBox() =>
        Assert.Equal(1.0, NonMaxSuppression.IntersectionOverMinimum(new Rect2d(0, 0, 100, 100), new Rect2d(10, 10, 20, 20)), 12);

    [Fact]
    public void KeepsTheBestOfOverlappingBoxesAndSeparateBoxes()
    {
        var kept = NonMaxSuppression.Apply(
        [
            Face(0, 0, 10, 10, 0.8f),
            Face(1, 1, 10, 10, 0.9f),    // IoU 0.68 with the first: wins, it scores higher
            Face(50, 50, 10, 10, 0.5f),  // elsewhere
            Face(7, 0, 10, 10, 0.7f),    // IoU 0.22 with the winner: kept at threshold 0.3
        ], iouThreshold: 0.3);
        Assert.Equal([0.9f, 0.7f, 0.5f], kept.Select(f => f.Score));
    }

    [Fact]
    public void LargestFirstOrdersByAreaThenScore()
    {
        var ordered = NonMaxSuppression.LargestFirst([Face(0, 0, 5, 5, 0.9f), Face(0, 0, 20, 20, 0.6f), Face(9, 9, 20, 20, 0.7f)]);
        Assert.Equal([0.7f, 0.6f, 0.9f], ordered.Select(f => f.Score));
    }

    [Fact]
    public void EmptyInputGivesNoFaces() => Assert.Empty(NonMaxSuppression.Apply([], 0.3));
}
