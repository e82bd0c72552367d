using System.Runtime.InteropServices;
using OpenCvSharp;

namespace FaceLab.Training.Samples;

/// <summary>Copies float images from OpenCV's interleaved layout into channel planes (CHW).</summary>
internal static class PlanarCopy
{
    /// <summary>A <c>CV_32FC{c}</c> image into <paramref name="destination"/> at <paramref name="offset"/>, plane after plane.</summary>
    public static void Copy(Mat image, float[] destination, int offset)
    {
        int channels = image.Channels(), rows = image.Rows, cols = image.Cols;
        var plane = rows * cols;
        var interleaved = new float[plane * channels];
        using var continuous = image.IsContinuous() ? null : image.Clone();
        Marshal.Copy((continuous ?? image).Data, interleaved, 0, interleaved.Length);
        if (channels == 1)
        {
            Array.Copy(interleaved, 0, destination, offset, plane);
            return;
        }
        for (var c = 0; c < channels; c++)
        {
            var start = offset + c * plane;
            for (var i = 0; i < plane; i++) destination[start + i] = interleaved[i * channels + c];
        }
    }
}
