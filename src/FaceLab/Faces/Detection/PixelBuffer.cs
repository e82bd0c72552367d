using System.Runtime.InteropServices;
using OpenCvSharp;

namespace FaceLab.Faces.Detection;

/// <summary>Copies of 8-bit BGR pixels into managed arrays, for networks fed by hand-written loops.</summary>
internal static class PixelBuffer
{
    /// <summary>The image's bytes, row by row, 3 per pixel (B, G, R).</summary>
    public static byte[] Bgr(Mat bgr)
    {
        if (bgr.Type() != MatType.CV_8UC3)
            throw new ArgumentException($"expected an 8-bit BGR image, got {bgr.Type()}", nameof(bgr));
        using var continuous = bgr.IsContinuous() ? null : bgr.Clone();
        var source = continuous ?? bgr;
        var bytes = new byte[source.Rows * source.Cols * 3];
        Marshal.Copy(source.Data, bytes, 0, bytes.Length);
        return bytes;
    }

    /// <summary>Planar RGB (3×H×W) with each value mapped to (v − <paramref name="mean"/>) / <paramref name="std"/>.</summary>
    public static float[] PlanarRgb(Mat bgr, float mean, float std)
    {
        var bytes = Bgr(bgr);
        var plane = bgr.Rows * bgr.Cols;
        var result = new float[plane * 3];
        for (var i = 0; i < plane; i++)
        {
            result[i] = (bytes[3 * i + 2] - mean) / std;
            result[plane + i] = (bytes[3 * i + 1] - mean) / std;
            result[2 * plane + i] = (bytes[3 * i] - mean) / std;
        }
        return result;
    }
}
