using OpenCvSharp;

namespace FaceLab.Evaluation;

/// <summary>
/// Detail in a face: the variance of the Laplacian of its grey levels inside a mask. A blurred face
/// has less; its ratio to the original face's says how much of the frame's sharpness a swap keeps.
/// </summary>
internal static class Sharpness
{
    public static double LaplacianVariance(Mat grayChip, Mat mask)
    {
        using var laplacian = new Mat();
        Cv2.Laplacian(grayChip, laplacian, MatType.CV_64F);
        Cv2.MeanStdDev(laplacian, out _, out var deviation, mask);
        return deviation.Val0 * deviation.Val0;
    }
}
