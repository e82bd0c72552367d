using FaceLab.Common;
using FaceLab.Faces.Detection;
using FaceLab.Faces.Landmarks;
using OpenCvSharp;

namespace FaceLab.Faces.Extraction;

/// <summary>
/// Landmarks for a face box placed by hand. Landmarkers want the tight box of the 68 points, and
/// dlib given a looser one (a hand-drawn box, or the detector box recorded in a face's metadata)
/// scatters its points over hair and background. So the hand box only says where the face is:
/// the detector looks again in crops of twice and three times the box around it, each detection
/// overlapping the hand box becomes a candidate landmark box beside the hand box itself, and the
/// landmarks that reproduce themselves best (run again on their own bounding box, they stay put;
/// scattered points do not) are kept. A result that still does not fit the hand box is refused.
/// </summary>
internal static class HandBoxLandmarks
{
    /// <summary>Crops searched by the detector, as multiples of the hand box's longer side.</summary>
    private static readonly double[] SearchScales = [2.0, 3.0];

    /// <summary>A detection whose landmark box overlaps the hand box less than this is another face.</summary>
    private const double MinDetectionOverlap = 0.2;

    /// <summary>Landmarks whose box overlaps the hand box less than this do not belong to it.</summary>
    private const double MinFitOverlap = 0.3;

    /// <summary>Landmarks that move more than this (NME) when run again on their own box are not a face the landmarker sees.</summary>
    private const double MaxSelfMismatch = 0.15;

    /// <summary>
    /// The 68 landmarks of the face in <paramref name="handBox"/> (image pixels), or a
    /// <see cref="FaceLabException"/> about <paramref name="subject"/> when none fits the box.
    /// </summary>
    public static Point2d[] Locate(IFaceDetector detector, ILandmarker landmarker, Mat image, Rect2d handBox, string subject)
    {
        FaceBoxGeometry.Validate(handBox);
        var candidates = new List<Rect2d> { handBox };
        foreach (var scale in SearchScales)
            if (DetectAround(detector, image, handBox, scale) is { } found) candidates.Add(found);

        var best = candidates
            .Select(box =>
            {
                var first = landmarker.Locate(image, box);
                var again = landmarker.Locate(image, FaceBoxGeometry.BoundsOf(first));
                return (Landmarks: first, Mismatch: Mismatch(first, again));
            })
            .MinBy(c => c.Mismatch);

        var fit = NonMaxSuppression.IntersectionOverUnion(FaceBoxGeometry.BoundsOf(best.Landmarks), handBox);
        if (fit < MinFitOverlap || !(best.Mismatch <= MaxSelfMismatch))
            throw new FaceLabException(subject, $"no face fits the box {Describe(handBox)}",
                "draw the box around one face, from the brows to the chin and jaw to jaw");
        return best.Landmarks;
    }

    /// <summary>The landmark box of the detection in a crop around <paramref name="handBox"/> that overlaps it most, or null.</summary>
    private static Rect2d? DetectAround(IFaceDetector detector, Mat image, Rect2d handBox, double scale)
    {
        var area = FaceBoxGeometry.Square(handBox, scale);
        var crop = new Rect((int)Math.Floor(area.X), (int)Math.Floor(area.Y), (int)Math.Ceiling(area.Width), (int)Math.Ceiling(area.Height))
            .Intersect(new Rect(0, 0, image.Width, image.Height));
        if (crop.Width < 8 || crop.Height < 8) return null;
        using var view = new Mat(image, crop);
        var best = detector.Detect(view)
            .Select(f => detector.LandmarkBox.Apply(f.Box))
            .Select(b => new Rect2d(b.X + crop.X, b.Y + crop.Y, b.Width, b.Height))
            .Select(b => (Box: b, Overlap: NonMaxSuppression.IntersectionOverUnion(b, handBox)))
            .Where(c => c.Overlap > MinDetectionOverlap)
            .OrderByDescending(c => c.Overlap)
            .Select(c => (Rect2d?)c.Box)
            .FirstOrDefault();
        return best;
    }

    /// <summary>Mean distance between two runs' points over the first run's outer-eye-corner distance.</summary>
    private static double Mismatch(Point2d[] first, Point2d[] again) =>
        first.Zip(again, (a, b) => a.DistanceTo(b)).Average() / Math.Max(first[36].DistanceTo(first[45]), 1e-6);

    private static string Describe(Rect2d box) => $"[{box.Left:0}, {box.Top:0}, {box.Right:0}, {box.Bottom:0}]";
}
