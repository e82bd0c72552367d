using FaceLab.Faces.Alignment;
using OpenCvSharp;

namespace FaceLab.Evaluation;

/// <summary>
/// The face crop every measurement of a face uses: the aligned 150×150 chip dlib's recognition net
/// was trained on (<c>get_face_chip_details(shape, 150, 0.25)</c>: the mean-face unit square fitted
/// to the landmarks, grown by a quarter of its side on every side, so 1.5 units across). It is the
/// full-face crop of <see cref="FaceAligner"/> (1 + 2√2·0.2109 ≈ 1.597 units) zoomed to 1.5 units.
/// face-api.js feeds its detector's box instead; the aligned chip removes in-plane rotation and
/// detector jitter, which keeps a person's descriptors closer together. One chip per face serves
/// identity, sharpness and flicker, and the same transform cuts the original and the merged frame.
/// </summary>
internal static class RecognitionChip
{
    public const int Size = FaceRecognitionNet.InputSize;

    /// <summary>Units of the mean-face square across the chip (dlib's padding 0.25 on each side).</summary>
    private const double ChipUnits = 1.5;

    private static readonly AlignmentOptions Zoom = new()
    {
        Scale = (1 + 2 * Math.Sqrt(2) * FaceType.Full.Padding) / ChipUnits,
    };

    // Cubic keeps the chip sharp enough for the sharpness measure; replicate hides the frame edge.
    private static readonly WarpOptions Resampling = new(InterpolationFlags.Cubic, BorderTypes.Replicate);

    /// <summary>Image pixels → chip pixels for a face with these 68 landmarks.</summary>
    public static Affine2D Transform(IReadOnlyList<Point2d> landmarks) =>
        FaceAligner.ImageToFace(landmarks, FaceType.Full, Size, Zoom);

    /// <summary>The chip cut from <paramref name="image"/> with <paramref name="transform"/> (a new 8-bit BGR Mat).</summary>
    public static Mat Cut(Mat image, Affine2D transform) => FaceWarp.ToFace(image, transform, Size, Resampling);
}
