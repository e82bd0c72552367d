using FaceLab.Faces.Alignment;
using OpenCvSharp;

namespace FaceLab.Evaluation;

/// <summary>
/// How far a swapped face's expression is from the original's: the mean distance of the inner 51
/// landmarks (brows, nose, eyes, mouth; the jaw carries head shape more than expression) after the
/// swapped ones are moved onto the original's by the best similarity (so pose, position and size
/// do not count), over the original's inter-ocular distance (outer eye corners, as 300-W).
/// </summary>
internal static class ExpressionDifference
{
    private const int FirstInnerPoint = 17;

    public static double Between(IReadOnlyList<Point2d> original, IReadOnlyList<Point2d> swapped)
    {
        LandmarkChecks.Require68(original);
        LandmarkChecks.Require68(swapped);
        var target = original.Skip(FirstInnerPoint).ToArray();
        var moved = Umeyama.Estimate(swapped.Skip(FirstInnerPoint).ToArray(), target).Apply(swapped.Skip(FirstInnerPoint).ToArray());
        var interocular = original[36].DistanceTo(original[45]);
        return interocular > 0 ? moved.Zip(target).Average(p => p.First.DistanceTo(p.Second)) / interocular : 0;
    }
}
