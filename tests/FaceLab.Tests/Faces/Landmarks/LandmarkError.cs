using OpenCvSharp;

namespace FaceLab.Tests.Faces.Landmarks;

/// <summary>300-W's normalised mean error: mean point distance / distance of the outer eye corners (36, 45).</summary>
public static class LandmarkError
{
    public static double Nme(IReadOnlyList<Point2d> predicted, IReadOnlyList<Point2d> truth)
    {
        Assert.Equal(68, predicted.Count);
        return Nme(predicted, truth, truth);
    }

    /// <summary>NME of a subset of points (e.g. the inner 51), normalised by the full ground truth's eye corners.</summary>
    public static double Nme(IReadOnlyList<Point2d> predicted, IReadOnlyList<Point2d> truth, IReadOnlyList<Point2d> fullTruth)
    {
        var interOcular = fullTruth[36].DistanceTo(fullTruth[45]);
        return predicted.Zip(truth, (p, t) => p.DistanceTo(t)).Average() / interOcular;
    }
}
