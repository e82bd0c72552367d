using FaceLab.Faces.Landmarks;
using FaceLab.Merging;
using OpenCvSharp;

namespace FaceLab.Evaluation;

/// <summary>
/// One dst face measured in its original frame and in the merged frame, both cut with the dst
/// face's own chip transform: descriptors, pose and expression from landmarks found again on both
/// frames in the dst face's landmark box (the same landmarker on both, so its own bias cancels),
/// sharpness, and the grey chips the flicker figure compares with the next frame. Owns the chips.
/// </summary>
internal sealed class FaceMeasurement : IDisposable
{
    private FaceMeasurement(int frame, Point2d centre)
    {
        Frame = frame;
        Centre = centre;
    }

    /// <summary>Position of the frame in the dst frame sequence.</summary>
    public int Frame { get; }

    public Point2d Centre { get; }

    public required FaceDescriptor Original { get; init; }

    public required FaceDescriptor Swapped { get; init; }

    public required PoseDifference Pose { get; init; }

    public required double Expression { get; init; }

    public required double OriginalSharpness { get; init; }

    public required double SwappedSharpness { get; init; }

    public required Mat OriginalGray { get; init; }

    public required Mat SwappedGray { get; init; }

    public required Mat Mask { get; init; }

    public static FaceMeasurement Take(int frame, FrameFace face, Mat original, Mat merged, FaceRecognitionNet net, ILandmarker landmarker)
    {
        var transform = RecognitionChip.Transform(face.Landmarks);
        using var originalChip = RecognitionChip.Cut(original, transform);
        using var swappedChip = RecognitionChip.Cut(merged, transform);
        var originalGray = originalChip.CvtColor(ColorConversionCodes.BGR2GRAY);
        var swappedGray = swappedChip.CvtColor(ColorConversionCodes.BGR2GRAY);
        var mask = ChipFaceMask.For(face.Landmarks, transform);
        var box = FaceBoxGeometry.BoundsOf(face.Landmarks);
        var originalPoints = landmarker.Locate(original, box);
        var swappedPoints = landmarker.Locate(merged, box);
        return new FaceMeasurement(frame, face.Centre)
        {
            Original = net.Describe(originalChip),
            Swapped = net.Describe(swappedChip),
            Pose = PoseDifference.Between(originalPoints, swappedPoints, original.Size()),
            Expression = ExpressionDifference.Between(originalPoints, swappedPoints),
            OriginalSharpness = Sharpness.LaplacianVariance(originalGray, mask),
            SwappedSharpness = Sharpness.LaplacianVariance(swappedGray, mask),
            OriginalGray = originalGray,
            SwappedGray = swappedGray,
            Mask = mask,
        };
    }

    public void Dispose()
    {
        OriginalGray.Dispose();
        SwappedGray.Dispose();
        Mask.Dispose();
    }
}
