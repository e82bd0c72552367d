using FaceLab.Common;
using OpenCvSharp;

namespace FaceLab.Faces.Landmarks;

/// <summary>
/// Cuts a square out of a BGR image and resizes it to a network input the way TF.js does
/// (<c>resizeBilinear</c> with alignCorners = false and halfPixelCenters = false: source = dest ·
/// in/out, neighbours clamped to the last row/column); pixels outside the image are 0, like
/// face-api's zero padding. OpenCV's resize uses half-pixel centres and differs by about a pixel.
/// </summary>
internal static class TfBilinearCrop
{
    /// <summary>RGB values of <paramref name="square"/> resized to size × size, minus <paramref name="meanRgb"/>, times <paramref name="scale"/>.</summary>
    public static HwcTensor Sample(Mat bgr, Rect square, int size, ReadOnlySpan<float> meanRgb, float scale)
    {
        if (bgr.Type() != MatType.CV_8UC3) throw new FaceLabException("landmarks", $"expected an 8-bit BGR image, got {bgr.Type()}", "convert the images to 8-bit colour");
        var pixels = bgr.GetUnsafeGenericIndexer<Vec3b>();
        var tensor = new HwcTensor(size, size, 3);
        var step = square.Width / (double)size;
        var last = square.Width - 1;
        Span<float> top = stackalloc float[3];
        for (var y = 0; y < size; y++)
        {
            var fy = y * step;
            var y0 = (int)Math.Floor(fy);
            var y1 = Math.Min(y0 + 1, last);
            var dy = (float)(fy - y0);
            for (var x = 0; x < size; x++)
            {
                var fx = x * step;
                var x0 = (int)Math.Floor(fx);
                var x1 = Math.Min(x0 + 1, last);
                var dx = (float)(fx - x0);
                var a = At(bgr, pixels, square.X + x0, square.Y + y0);
                var b = At(bgr, pixels, square.X + x1, square.Y + y0);
                var c = At(bgr, pixels, square.X + x0, square.Y + y1);
                var d = At(bgr, pixels, square.X + x1, square.Y + y1);
                var offset = tensor.Offset(y, x);
                for (var ch = 0; ch < 3; ch++)
                {
                    var bgrIndex = 2 - ch;
                    float upper = a[bgrIndex] + (b[bgrIndex] - a[bgrIndex]) * dx;
                    float lower = c[bgrIndex] + (d[bgrIndex] - c[bgrIndex]) * dx;
                    tensor.Values[offset + ch] = (upper + (lower - upper) * dy - meanRgb[ch]) * scale;
                }
            }
        }
        return tensor;
    }

    private static Vec3b At(Mat image, Mat.UnsafeIndexer<Vec3b> pixels, int x, int y) =>
        x >= 0 && y >= 0 && x < image.Width && y < image.Height ? pixels[y, x] : default;
}
