using System.Runtime.InteropServices;
using FaceLab.Imaging;
using OpenCvSharp;
using static TorchSharp.torch;

namespace FaceLab.Training.Inference;

/// <summary>
/// The one conversion between OpenCV images and model tensors. Images are BGR (OpenCV's order; a
/// model trained on BGR predicts BGR), bytes in [0, 255] or float in [0, 1] (see <see cref="Pixels"/>);
/// tensors are float N×C×R×R in [0, 1], channel planes in the image's channel order.
/// </summary>
internal static class ImageTensors
{
    /// <summary>Faces of any size and depth as an N×3×R×R batch: resized to <paramref name="resolution"/> (area when shrinking, cubic when enlarging).</summary>
    public static Tensor BatchFromBgr(IReadOnlyList<Mat> bgrFaces, int resolution)
    {
        var plane = resolution * resolution;
        var buffer = new float[bgrFaces.Count * 3 * plane];
        for (var n = 0; n < bgrFaces.Count; n++)
        {
            using var float01 = ToBgrFloat01(bgrFaces[n], resolution);
            CopyPlanar(float01, buffer, n * 3 * plane);
        }
        return tensor(buffer, [bgrFaces.Count, 3, resolution, resolution]);
    }

    /// <summary>A face as BGR float in [0, 1] at <paramref name="resolution"/>² (a new Mat).</summary>
    public static Mat ToBgrFloat01(Mat face, int resolution)
    {
        if (face.Empty()) throw new ArgumentException("an empty image is not a face", nameof(face));
        using var bgr = face.Channels() switch
        {
            3 => face.Clone(),
            1 => face.CvtColor(ColorConversionCodes.GRAY2BGR),
            4 => face.CvtColor(ColorConversionCodes.BGRA2BGR),
            var c => throw new ArgumentException($"a face image has 1, 3 or 4 channels, not {c}", nameof(face)),
        };
        var scale = bgr.Depth() switch
        {
            MatType.CV_8U => 1.0 / 255,
            MatType.CV_16U => 1.0 / 65535,
            MatType.CV_32F or MatType.CV_64F => 1.0,
            var d => throw new ArgumentException($"unsupported image depth {d}", nameof(face)),
        };
        var unit = new Mat();
        bgr.ConvertTo(unit, MatType.CV_32FC3, scale);
        if (unit.Rows == resolution && unit.Cols == resolution) return unit;
        using (unit)
        {
            var shrinking = unit.Rows > resolution || unit.Cols > resolution;
            return unit.Resize(new OpenCvSharp.Size(resolution, resolution), 0, 0, shrinking ? InterpolationFlags.Area : InterpolationFlags.Cubic);
        }
    }

    /// <summary>Sample <paramref name="index"/> of an N×C×H×W tensor in [0, 1] as an interleaved float Mat (<c>CV_32FC{C}</c>, BGR for faces).</summary>
    public static Mat ToFloat01Mat(Tensor batch01, int index)
    {
        using var cpu = batch01[index].to(CPU).contiguous();
        int channels = (int)cpu.shape[0], rows = (int)cpu.shape[1], cols = (int)cpu.shape[2];
        var planar = cpu.data<float>().ToArray();
        var plane = rows * cols;
        var interleaved = new float[planar.Length];
        for (var c = 0; c < channels; c++)
            for (var i = 0; i < plane; i++) interleaved[i * channels + c] = planar[c * plane + i];
        var image = new Mat(rows, cols, MatType.CV_32FC(channels));
        Marshal.Copy(interleaved, 0, image.Data, interleaved.Length);
        return image;
    }

    /// <summary>A <c>CV_32FC{c}</c> image in [0, 1] into <paramref name="destination"/> at <paramref name="offset"/>, plane after plane.</summary>
    public static void CopyPlanar(Mat float01, float[] destination, int offset)
    {
        int channels = float01.Channels(), rows = float01.Rows, cols = float01.Cols;
        var plane = rows * cols;
        var interleaved = new float[plane * channels];
        using var continuous = float01.IsContinuous() ? null : float01.Clone();
        Marshal.Copy((continuous ?? float01).Data, interleaved, 0, interleaved.Length);
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
