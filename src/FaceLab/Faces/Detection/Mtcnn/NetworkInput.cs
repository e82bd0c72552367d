using OpenCvSharp;

namespace FaceLab.Faces.Detection.Mtcnn;

/// <summary>
/// Builds MTCNN's inputs. The nets were trained (in MATLAB/Caffe) on transposed BGR images, so
/// every input is transposed: feature-map rows run along image x. Values are (v − 127.5) / 128.
/// </summary>
internal static class NetworkInput
{
    private static float Normalise(byte v) => (v - 127.5f) * 0.0078125f;

    /// <summary>
    /// The whole image scaled by <paramref name="scale"/> (size floored) with TF's bilinear resize
    /// (no half-pixel centres), as face-api.js feeds the P-net.
    /// </summary>
    public static FeatureMap ScaledImage(byte[] bgr, int width, int height, double scale)
    {
        var outHeight = (int)Math.Floor(height * scale);
        var outWidth = (int)Math.Floor(width * scale);
        var map = new FeatureMap(outWidth, outHeight, 3);
        double stepY = (double)height / outHeight, stepX = (double)width / outWidth;
        for (var x = 0; x < outWidth; x++)
        {
            var sx = x * stepX;
            var x0 = (int)sx;
            var x1 = Math.Min(x0 + 1, width - 1);
            var fx = (float)(sx - x0);
            for (var y = 0; y < outHeight; y++)
            {
                var sy = y * stepY;
                var y0 = (int)sy;
                var y1 = Math.Min(y0 + 1, height - 1);
                var fy = (float)(sy - y0);
                var target = map.At(x, y);
                for (var c = 0; c < 3; c++)
                {
                    float a = bgr[(y0 * width + x0) * 3 + c], b = bgr[(y0 * width + x1) * 3 + c];
                    float d = bgr[(y1 * width + x0) * 3 + c], e = bgr[(y1 * width + x1) * 3 + c];
                    var top = a + (b - a) * fx;
                    var bottom = d + (e - d) * fx;
                    target[c] = (top + (bottom - top) * fy - 127.5f) * 0.0078125f;
                }
            }
        }
        return map;
    }

    /// <summary>
    /// The part of <paramref name="box"/> inside the image, stretched to size×size; null when the
    /// box lies outside the image. Like face-api.js, the cut-off part is dropped, not padded.
    /// </summary>
    public static FeatureMap? Patch(Mat bgr, CandidateBox box, int size)
    {
        // face-api.js: clamp to [1, W] in its 1-based convention, then read from (x − 1, y − 1).
        var fromX = (int)Math.Max(box.Left, 1) - 1;
        var fromY = (int)Math.Max(box.Top, 1) - 1;
        var toX = (int)Math.Min(box.Right, bgr.Width);
        var toY = (int)Math.Min(box.Bottom, bgr.Height);
        if (toX <= fromX || toY <= fromY) return null;

        using var crop = new Mat(bgr, new Rect(fromX, fromY, toX - fromX, toY - fromY));
        var shrinking = crop.Width > size || crop.Height > size;
        using var resized = crop.Resize(new Size(size, size), 0, 0, shrinking ? InterpolationFlags.Area : InterpolationFlags.Linear);
        var pixels = PixelBuffer.Bgr(resized);
        var map = new FeatureMap(size, size, 3);
        for (var y = 0; y < size; y++)
            for (var x = 0; x < size; x++)
            {
                var target = map.At(x, y);
                var source = (y * size + x) * 3;
                for (var c = 0; c < 3; c++) target[c] = Normalise(pixels[source + c]);
            }
        return map;
    }
}
