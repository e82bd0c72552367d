using FaceLab.Training.Inference;
using FaceLab.Faces.Alignment;
using OpenCvSharp;

namespace FaceLab.Merging;

/// <summary>The merge mask of one face in model face space, by <see cref="MaskMode"/> (<c>CV_32FC1</c> in [0, 1]).</summary>
internal static class FaceSpaceMask
{
    /// <param name="landmarks">The dst landmarks in model face pixels.</param>
    public static Mat Build(MaskMode mode, FacePrediction prediction, IReadOnlyList<Point2d> landmarks, int resolution)
    {
        var size = new Size(resolution, resolution);
        switch (mode)
        {
            case MaskMode.Destination:
                return FaceMasks.Hull(landmarks, size);
            case MaskMode.Full:
                return new Mat(size, MatType.CV_32FC1, Scalar.All(1));
        }

        var predicted = Fit(prediction.PredictedMask, size);
        var destination = Fit(prediction.DestinationMask, size);
        var mask = new Mat();
        switch (mode)
        {
            case MaskMode.LearnedPredicted: predicted.CopyTo(mask); break;
            case MaskMode.LearnedDestination: destination.CopyTo(mask); break;
            case MaskMode.LearnedProduct: Cv2.Multiply(predicted, destination, mask); break;
            case MaskMode.LearnedSum: Cv2.Add(predicted, destination, mask); break;
            default:
                mask.Dispose();
                throw new ArgumentOutOfRangeException(nameof(mode), mode, "unknown mask mode");
        }
        FaceFilters.Clip(mask);
        // Learned masks are never exactly zero; what the eye cannot see must not widen the blend.
        Cv2.Threshold(mask, mask, 1.0 / 255, 1, ThresholdTypes.Tozero);
        return mask;
    }

    /// <summary>A learned mask, checked to be a float mask of the face's size.</summary>
    private static Mat Fit(Mat mask, Size size) =>
        mask.Type() == MatType.CV_32FC1 && mask.Size() == size
            ? mask
            : throw new ArgumentException($"learned masks must be CV_32FC1 {size.Width}x{size.Height}, got {mask.Type()} {mask.Width}x{mask.Height}", nameof(mask));
}
