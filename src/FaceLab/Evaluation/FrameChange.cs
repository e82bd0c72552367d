using OpenCvSharp;

namespace FaceLab.Evaluation;

/// <summary>
/// How much a face changes from one frame to the next: the mean absolute grey-level difference of
/// its chips in the two frames (each cut with its own frame's alignment, so head motion does not
/// count) inside a mask. A swap that flickers changes more than the original face did.
/// </summary>
internal static class FrameChange
{
    public static double Between(Mat previousGrayChip, Mat grayChip, Mat mask)
    {
        using var difference = new Mat();
        Cv2.Absdiff(previousGrayChip, grayChip, difference);
        return Cv2.Mean(difference, mask).Val0;
    }
}
