using FaceLab.Imaging;
using FaceLab.Training.Inference;
using OpenCvSharp;

namespace FaceLab.Merging;

/// <summary>
/// The puppet output frame (<see cref="MergeMode.Puppet"/>): the predicted src face at model
/// resolution on the left, the driving dst face as the model saw it on the right (2R × R); the mask
/// output is the predicted mask on the left. Every frame has the same size, so the frames make a video.
/// </summary>
internal static class PuppetView
{
    /// <summary>The view of the first face's prediction and its dst cut (float BGR in [0, 1]).</summary>
    public static MergedFrame Of(FacePrediction prediction, Mat destinationCut, Mat? debug)
    {
        var r = prediction.Face.Rows;
        var (image, mask) = Blank(r);
        using (var face = Pixels.Float01ToBytes(prediction.Face))
        using (var left = new Mat(image, new Rect(0, 0, r, r)))
            face.CopyTo(left);
        using (var driver = Pixels.Float01ToBytes(destinationCut))
        using (var sized = driver.Rows == r ? driver.Clone() : driver.Resize(new Size(r, r), 0, 0, InterpolationFlags.Area))
        using (var right = new Mat(image, new Rect(r, 0, r, r)))
            sized.CopyTo(right);
        using (var predicted = Pixels.Float01ToBytes(prediction.PredictedMask))
        using (var left = new Mat(mask, new Rect(0, 0, r, r)))
            predicted.CopyTo(left);
        return new MergedFrame(image, mask, debug);
    }

    /// <summary>A black view: a frame where no face drives the puppet.</summary>
    public static MergedFrame Empty(int resolution, Mat? debug)
    {
        var (image, mask) = Blank(resolution);
        return new MergedFrame(image, mask, debug);
    }

    private static (Mat Image, Mat Mask) Blank(int r) =>
        (new Mat(r, 2 * r, MatType.CV_8UC3, Scalar.All(0)), new Mat(r, 2 * r, MatType.CV_8UC1, Scalar.All(0)));
}
