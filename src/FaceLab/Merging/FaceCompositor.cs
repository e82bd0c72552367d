using FaceLab.Faces.Alignment;
using FaceLab.Imaging;
using FaceLab.Imaging.ColorTransfer;
using FaceLab.Training.Inference;
using OpenCvSharp;

namespace FaceLab.Merging;

/// <summary>
/// Merges one predicted face into a frame, in place, working only on the face's region of the
/// frame: adjust the prediction in face space (colour transfer, histogram match, sharpen, denoise),
/// warp it and its mask back, erode and blur the mask, motion-blur the face, blend by the mode.
/// Colour steps always act on the prediction before blending, in the seamless modes too (where
/// DeepFaceLab recolours the cloned result): one order for every mode, and the Poisson solve then
/// has less colour difference to spread.
/// </summary>
internal static class FaceCompositor
{
    /// <summary>Masks selecting fewer pixels than this give colour statistics too noisy to use.</summary>
    private const int MinStatisticsPixels = 16;

    /// <param name="frame">The frame being merged, <c>CV_8UC3</c>; changed inside the face's region.</param>
    /// <param name="mergedMask">The frame's merge mask, <c>CV_8UC1</c>; this face's mask is united into it.</param>
    /// <param name="destinationFace">The dst face as cut for the model, <c>CV_32FC3</c>.</param>
    /// <returns>The adjusted prediction and the face-space mask, for the debug view; the caller disposes them.</returns>
    public static (Mat Face, Mat Mask) Merge(
        Mat frame, Mat mergedMask, FrameFace face, FacePlacement placement, Mat destinationFace,
        FacePrediction prediction, MergeOptions options)
    {
        var resolution = placement.Resolution;
        var faceMask = options.Mode == MergeMode.RawRgb
            ? new Mat(resolution, resolution, MatType.CV_32FC1, Scalar.All(1))
            : FaceSpaceMask.Build(options.MaskMode, prediction, placement.Cut.Apply(face.Landmarks), resolution);
        var adjusted = options.Mode == MergeMode.RawRgb ? prediction.Face.Clone() : Adjust(prediction.Face, destinationFace, faceMask, options);

        var region = placement.Region;
        using var warped = FaceWarp.ToFrame(adjusted, placement.RegionToOutput, region.Size);
        FaceFilters.Clip(warped);
        using var mask = FaceWarp.ToFrame(faceMask, placement.RegionToOutput, region.Size);
        FaceFilters.Clip(mask);
        Cv2.Threshold(mask, mask, 1.0 / 255, 1, ThresholdTypes.Tozero);
        if (options.Mode != MergeMode.RawRgb) MaskEdges.Apply(mask, placement.FaceSize, options);
        MotionBlur.Apply(warped, face, options);

        using var frameRegion = new Mat(frame, region);
        using var cloned = options.Mode is MergeMode.Seamless or MergeMode.SeamlessHistMatch
            ? SeamlessBlend.Clone(warped, frameRegion, mask)
            : null;
        Blend(frameRegion, cloned ?? warped, mask);

        using var maskRegion = new Mat(mergedMask, region);
        using var mask8 = Pixels.Float01ToBytes(mask);
        Cv2.Max(maskRegion, mask8, maskRegion);
        return (adjusted, faceMask);
    }

    /// <summary>The prediction after the colour steps and filters, in face space.</summary>
    private static Mat Adjust(Mat prediction, Mat destination, Mat faceMask, MergeOptions options)
    {
        using var inside = new Mat();
        Cv2.Threshold(faceMask, inside, ColorPixels.MaskThreshold, 1, ThresholdTypes.Binary);
        var usable = Cv2.CountNonZero(inside) >= MinStatisticsPixels;

        var face = prediction.Clone();
        var transfer = ColorTransfers.Modes.Get(options.ColorTransfer);
        if (!ColorTransfers.IsNone(transfer.Name))
        {
            var masks = transfer.Masked && usable ? inside : null;
            Replace(ref face, transfer.Create().Apply(face, destination, masks, masks));
        }
        if (options.Mode is MergeMode.HistMatch or MergeMode.HistMatchBw or MergeMode.SeamlessHistMatch)
        {
            var masks = options.MaskedHistMatch && usable ? inside : null;
            Replace(ref face, FaceHistogramMatch.Match(face, destination, masks, options.HistMatchThreshold, options.Mode == MergeMode.HistMatchBw));
        }
        FaceFilters.Sharpen(face, options.Sharpen, options.SharpenAmount);
        FaceFilters.Denoise(face, options.DenoisePower);
        return face;
    }

    /// <summary>
    /// <c>frame ← frame·(1 − m) + face·m</c> where the mask is above zero; pixels where it is zero are
    /// not written, so they stay bit-identical.
    /// </summary>
    private static void Blend(Mat frameRegion, Mat face, Mat mask)
    {
        using var face8 = Pixels.Float01ToBytes(face);
        using var inverse = new Mat();
        mask.ConvertTo(inverse, MatType.CV_32FC1, -1, 1);
        using var blended = new Mat();
        Cv2.BlendLinear(face8, frameRegion, mask, inverse, blended);
        using var touched = new Mat();
        Cv2.Compare(mask, Scalar.All(0), touched, CmpTypes.GT);
        blended.CopyTo(frameRegion, touched);
    }

    private static void Replace(ref Mat image, Mat next)
    {
        image.Dispose();
        image = next;
    }
}
