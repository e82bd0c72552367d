using OpenCvSharp;

namespace FaceLab.Faces.Alignment;

/// <summary>
/// Masks drawn from 68 landmarks, as <c>CV_32FC1</c> images of 0..1 (see <see cref="ToBytes"/> for
/// 0..255). Usually drawn in aligned-face space from <see cref="AlignedFace.Landmarks"/>.
/// Points are drawn with 8 fractional bits, so sub-pixel landmark motion still moves the edge.
/// </summary>
internal static class FaceMasks
{
    /// <summary>Fractional bits of the fixed-point polygon vertices given to OpenCV.</summary>
    private const int ShiftBits = 8;

    /// <summary>
    /// The face hull: the union of the filled convex hulls of <see cref="LandmarkGroups.HullParts"/>
    /// after the brows have been pushed up (<see cref="MaskOptions.EyebrowsExpand"/>). Hard edged.
    /// </summary>
    public static Mat Hull(IReadOnlyList<Point2d> landmarks, Size size, MaskOptions? options = null)
    {
        options ??= MaskOptions.Default;
        var points = EyebrowExpansion.Apply(landmarks, options.EyebrowsExpand);
        var mask = Blank(size);
        foreach (var part in LandmarkGroups.HullParts) FillHull(mask, part.Select(i => points[i]));
        return mask;
    }

    /// <summary>Both eyes (36–41, 42–47): dilated, blurred hulls.</summary>
    /// <param name="faceSize">Face size the dilation and blur scale with; default the mask height (an aligned face).</param>
    public static Mat Eyes(IReadOnlyList<Point2d> landmarks, Size size, MaskOptions? options = null, double? faceSize = null) =>
        Feature(landmarks, size, options, faceSize, LandmarkGroups.RightEye, LandmarkGroups.LeftEye);

    /// <summary>The inner mouth (60–67): a dilated, blurred hull.</summary>
    /// <param name="faceSize">Face size the dilation and blur scale with; default the mask height (an aligned face).</param>
    public static Mat Mouth(IReadOnlyList<Point2d> landmarks, Size size, MaskOptions? options = null, double? faceSize = null) =>
        Feature(landmarks, size, options, faceSize, LandmarkGroups.InnerMouth);

    /// <summary>A 0..1 float mask as <c>CV_8UC1</c> 0..255 (rounded).</summary>
    public static Mat ToBytes(Mat mask)
    {
        var bytes = new Mat();
        mask.ConvertTo(bytes, MatType.CV_8UC1, 255.0);
        return bytes;
    }

    /// <summary>Dilation kernel diameter in pixels for a face of <paramref name="faceSize"/> pixels (0: none).</summary>
    public static int DilationPixels(double faceSize, MaskOptions options) => DilationPixels(faceSize, options.FeatureDilation);

    /// <summary>Morphology kernel diameter in pixels: <paramref name="share"/> of <paramref name="faceSize"/> (0: none).</summary>
    public static int DilationPixels(double faceSize, double share) => (int)Math.Floor(faceSize * share);

    /// <summary>Gaussian kernel size in pixels for a face of <paramref name="faceSize"/> pixels: odd, at least 1.</summary>
    public static int BlurPixels(double faceSize, MaskOptions options) => BlurPixels(faceSize, options.FeatureBlur);

    /// <summary>
    /// Gaussian kernel size in pixels, <paramref name="share"/> of <paramref name="faceSize"/>: odd,
    /// at least 1 (1: no blur). Every mask blur of the library (features, merge masks) uses this.
    /// </summary>
    public static int BlurPixels(double faceSize, double share)
    {
        var k = Math.Max(1, (int)Math.Floor(faceSize * share));
        return k % 2 == 1 ? k : k + 1;
    }

    private static Mat Feature(
        IReadOnlyList<Point2d> landmarks, Size size, MaskOptions? options, double? faceSize, params IReadOnlyList<int>[] parts)
    {
        LandmarkChecks.Require68(landmarks);
        options ??= MaskOptions.Default;
        var face = faceSize ?? size.Height;
        var mask = Blank(size);
        foreach (var part in parts) FillHull(mask, part.Select(i => landmarks[i]));

        var dilation = DilationPixels(face, options);
        if (dilation > 1)
        {
            using var kernel = Cv2.GetStructuringElement(MorphShapes.Ellipse, new Size(dilation, dilation));
            Cv2.Dilate(mask, mask, kernel);
        }
        var blur = BlurPixels(face, options);
        if (blur > 1)
        {
            Cv2.GaussianBlur(mask, mask, new Size(blur, blur), 0);
            // Float rounding in the blur can overshoot 1 by an ulp; masks promise 0..1.
            Cv2.Min(mask, 1.0, mask);
        }
        return mask;
    }

    private static Mat Blank(Size size)
    {
        if (size.Width < 1 || size.Height < 1)
            throw new ArgumentOutOfRangeException(nameof(size), size, "mask size must be positive");
        return new Mat(size, MatType.CV_32FC1, Scalar.All(0));
    }

    private static void FillHull(Mat mask, IEnumerable<Point2d> points)
    {
        const double unit = 1 << ShiftBits;
        var fixedPoint = points.Select(p => new Point(Math.Round(p.X * unit), Math.Round(p.Y * unit))).ToArray();
        var hull = Cv2.ConvexHull(fixedPoint);
        Cv2.FillConvexPoly(mask, hull, Scalar.All(1), LineTypes.Link8, ShiftBits);
    }
}
