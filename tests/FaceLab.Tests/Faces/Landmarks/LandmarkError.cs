using OpenCvSharp;

namespace FaceLab.Tests.Faces.Landmarks;

/// <summary>300-W's normalised mean error: mean point distance / distance of the outer eye corners (36, 45).</summary>
public static class LandmarkError
{
    public static double Nme(IReadOnlyList<Point2d> predicted, IReadOnlyList<Point2d> truth)
    {
        Assert.Equal(68, predicted.Count);
        var interOcular = truth[36].DistanceTo(truth[45]);
        return predicted.Zip(truth, (p, t) => p.DistanceTo(t)).Average() / interOcular;
    }
}
