using OpenCvSharp;

namespace FaceLab.Faces.Alignment;

/// <summary>
/// The affine transform from image pixels to an aligned N×N face (DeepFaceLab's, which builds on
/// dlib's): fit the landmarks to the mean face's unit square, pad that square by the face type,
/// move its centre for whole_face/head, and map three of its corners onto the output square.
/// Everything stays in double precision; points are never rounded, so the crop moves smoothly
/// between video frames.
/// </summary>
internal static class FaceAligner
{
    /// <summary>Whole-face crops move the centre up by this fraction of the square's side (forehead).</summary>
    public const double WholeFaceLift = 0.07;

    /// <summary>Head crops move the centre up by this fraction of the square's side.</summary>
    public const double HeadLift = 0.50;

    /// <summary>
    /// The similarity taking image pixels to the unit square of the mean face, fitted on
    /// <see cref="MeanFace.AlignmentPoints"/>.
    /// </summary>
    public static Affine2D ImageToUnitSquare(IReadOnlyList<Point2d> landmarks)
    {
        LandmarkChecks.Require68(landmarks);
        var points = MeanFace.AlignmentPoints.Select(i => landmarks[i]).ToArray();
        return Umeyama.Estimate(points, MeanFace.AlignmentTemplate);
    }

    /// <summary>The 2×3 transform from image pixels to the aligned <paramref name="outputSize"/>² face.</summary>
    public static Affine2D ImageToFace(
        IReadOnlyList<Point2d> landmarks, FaceType faceType, int outputSize, AlignmentOptions? options = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(outputSize, 1);
        options ??= AlignmentOptions.Default;
        if (!(options.Scale > 0) || !double.IsFinite(options.Scale))
            throw new ArgumentOutOfRangeException(nameof(options), options.Scale, "Scale must be a positive number");

        var toUnit = ImageToUnitSquare(landmarks);
        var toImage = toUnit.Inverse();
        var topLeft = toImage.Apply(new Point2d(0, 0));
        var topRight = toImage.Apply(new Point2d(1, 0));
        var bottomRight = toImage.Apply(new Point2d(1, 1));
        var bottomLeft = toImage.Apply(new Point2d(0, 1));
        var centre = toImage.Apply(new Point2d(0.5, 0.5));

        var diagonal = Length(bottomRight - topLeft);
        var downDiagonal = Unit(bottomRight - topLeft);
        var upDiagonal = Unit(topRight - bottomLeft);
        var halfDiagonal = diagonal * (faceType.Padding * Math.Sqrt(2.0) + 0.5) / options.Scale;

        // Side vectors of the fitted square in image pixels: "up" and "left" as the face sees them.
        var up = topLeft - bottomLeft;
        var left = topLeft - topRight;
        switch (faceType.Region)
        {
            case FaceRegion.WholeFace:
                centre += up * WholeFaceLift;
                break;
            case FaceRegion.Head:
                var yaw = options.HeadYaw ?? HeadYawEstimate.FromUnitLandmarks(toUnit.Apply(landmarks));
                // Damped near zero so that small landmark noise on a frontal face does not shake the crop.
                yaw *= Math.Abs(Math.Tanh(yaw * 2));
                centre -= left * (yaw / 2.0);
                centre += up * HeadLift;
                break;
        }

        Point2d p0, p1, p2;
        if (!faceType.NoAlign)
        {
            p0 = centre - downDiagonal * halfDiagonal;
            p1 = centre + upDiagonal * halfDiagonal;
            p2 = centre + downDiagonal * halfDiagonal;
        }
        else
        {
            // A square with half-diagonal h has area 2h²; the axis-aligned one of equal area has half-side h/√2.
            var halfSide = halfDiagonal / Math.Sqrt(2.0);
            p0 = centre + new Point2d(-halfSide, -halfSide);
            p1 = centre + new Point2d(halfSide, -halfSide);
            p2 = centre + new Point2d(halfSide, halfSide);
        }

        return Affine2D.FromTriangles(
            p0, p1, p2,
            new Point2d(0, 0), new Point2d(outputSize, 0), new Point2d(outputSize, outputSize));
    }

    private static double Length(Point2d v) => Math.Sqrt(v.X * v.X + v.Y * v.Y);

    private static Point2d Unit(Point2d v) => v * (1.0 / Length(v));
}
