using OpenCvSharp;

namespace FaceLab.Imaging;

/// <summary>
/// The two pixel conventions and the one conversion between them. Files, frames and faces are read
/// and written as OpenCV does: BGR bytes in [0, 255] (<c>CV_8UC3</c>, masks <c>CV_8UC1</c>). Models,
/// colour transfer and blending compute on BGR floats in [0, 1] (<c>CV_32FC3</c>, masks <c>CV_32FC1</c>).
/// Names say which side a value is on: <c>bgrBytes</c>, <c>float01</c>.
/// </summary>
internal static class Pixels
{
    /// <summary>8-bit pixels in [0, 255] as floats in [0, 1], same channels (a new Mat).</summary>
    public static Mat BytesToFloat01(Mat bgrBytes)
    {
        var float01 = new Mat();
        bgrBytes.ConvertTo(float01, MatType.CV_32FC(bgrBytes.Channels()), 1.0 / 255);
        return float01;
    }

    /// <summary>Floats in [0, 1] as 8-bit pixels in [0, 255], saturated, same channels (a new Mat).</summary>
    public static Mat Float01ToBytes(Mat float01)
    {
        var bgrBytes = new Mat();
        float01.ConvertTo(bgrBytes, MatType.CV_8UC(float01.Channels()), 255);
        return bgrBytes;
    }
}
