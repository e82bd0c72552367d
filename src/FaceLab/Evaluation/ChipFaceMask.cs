using FaceLab.Faces.Alignment;
using OpenCvSharp;

namespace FaceLab.Evaluation;

/// <summary>
/// The face inside a recognition chip: the hull of the 68 landmarks, shrunk by 4 % of the chip so
/// that the blend's seam and the background behind the jaw stay out of the sharpness and flicker figures.
/// </summary>
internal static class ChipFaceMask
{
    private const double Inset = 0.04;

    /// <summary>An 8-bit mask of <see cref="RecognitionChip.Size"/>², 255 on the face.</summary>
    public static Mat For(IReadOnlyList<Point2d> landmarks, Affine2D imageToChip)
    {
        var points = imageToChip.Apply(landmarks).Select(p => new Point((int)Math.Round(p.X), (int)Math.Round(p.Y))).ToArray();
        var mask = new Mat(RecognitionChip.Size, RecognitionChip.Size, MatType.CV_8UC1, Scalar.All(0));
        Cv2.FillConvexPoly(mask, Cv2.ConvexHull(points), Scalar.All(255));
        var radius = (int)Math.Round(Inset * RecognitionChip.Size);
        using var kernel = Cv2.GetStructuringElement(MorphShapes.Ellipse, new Size(2 * radius + 1, 2 * radius + 1));
        Cv2.Erode(mask, mask, kernel);
        return mask;
    }
}
