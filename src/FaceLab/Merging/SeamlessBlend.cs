using FaceLab.Imaging;
using OpenCvSharp;

namespace FaceLab.Merging;

/// <summary>
/// Poisson blending of the warped face into the frame region (OpenCV's NORMAL_CLONE). The clone
/// mask is the merge mask binarised; the centre comes from that mask's bounding box, so the clone
/// lands exactly where the face is and does not jitter between frames.
/// </summary>
internal static class SeamlessBlend
{
    /// <summary>Merge-mask values above this belong to the clone region.</summary>
    public const float Threshold = 0.1f;

    /// <summary>
    /// The cloned region as <c>CV_32FC3</c>, or null when the mask leaves nothing to clone.
    /// </summary>
    /// <param name="face">The warped face over the region, <c>CV_32FC3</c> in [0, 1].</param>
    /// <param name="frame">The frame region, <c>CV_8UC3</c>.</param>
    /// <param name="mask">The merge mask over the region, <c>CV_32FC1</c>.</param>
    public static Mat? Clone(Mat face, Mat frame, Mat mask)
    {
        using var binary = new Mat();
        Cv2.Threshold(mask, binary, Threshold, 255, ThresholdTypes.Binary);
        binary.ConvertTo(binary, MatType.CV_8UC1);
        // OpenCV clears the outermost pixels of the clone mask itself; clearing them first keeps the
        // bounding box (hence the centre) identical to the one it uses, also at the frame border.
        Cv2.Rectangle(binary, new Rect(0, 0, binary.Cols, binary.Rows), Scalar.All(0), 1);
        var box = Cv2.BoundingRect(binary);
        if (box.Width < 2 || box.Height < 2) return null;
        var centre = new Point(box.X + box.Width / 2, box.Y + box.Height / 2);

        using var face8 = Pixels.Float01ToBytes(face);
        using var cloned = new Mat();
        Cv2.SeamlessClone(face8, frame, binary, centre, cloned, SeamlessCloneFlags.NormalClone);
        return Pixels.BytesToFloat01(cloned);
    }
}
