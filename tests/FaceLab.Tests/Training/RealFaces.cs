using FaceLab.Tests.Support;
using OpenCvSharp;
using static TorchSharp.torch;
using Size = OpenCvSharp.Size;

namespace FaceLab.Tests.Training;

/// <summary>Real face images from the shared 300-W set as RGB tensors in [0, 1], for training tests.</summary>
internal static class RealFaces
{
    private static readonly string[] Images = ["sd_image_0001.png", "sd_image_0002.png", "sd_image_0003.png", "sd_image_0004.png"];

    public static string PathOf(string relative) => Path.Combine(TestPaths.SharedLandmarks, relative);

    /// <summary>H×W×3 RGB floats in [0, 1] of a square crop (no resampling).</summary>
    public static float[,,] Crop(string relativePath, int x, int y, int size)
    {
        using var bgr = Cv2.ImRead(PathOf(relativePath), ImreadModes.Color);
        using var crop = new Mat(bgr, new Rect(x, y, size, size));
        return ToRgbArray(crop);
    }

    /// <summary>A batch of <paramref name="count"/> faces (the landmark box grown 1.4×, resized) N×3×R×R, and an elliptic face mask N×1×R×R.</summary>
    public static (Tensor Faces, Tensor Masks) Batch(int resolution, int count, int offset = 0)
    {
        var faces = new List<Tensor>();
        for (var i = 0; i < count; i++)
        {
            var name = Images[(i + offset) % Images.Length];
            var path = Directory.GetFiles(TestPaths.SharedLandmarks, name, SearchOption.AllDirectories)[0];
            using var bgr = Cv2.ImRead(path, ImreadModes.Color);
            var box = FaceBox(Path.ChangeExtension(path, ".pts"), bgr.Size());
            using var crop = new Mat(bgr, box);
            using var resized = crop.Resize(new Size(resolution, resolution), interpolation: InterpolationFlags.Area);
            faces.Add(ToTensor(ToRgbArray(resized)));
        }
        using var mask = new Mat(resolution, resolution, MatType.CV_8UC1, Scalar.All(0));
        Cv2.Ellipse(mask, new Point(resolution / 2, resolution / 2), new Size(resolution * 0.35, resolution * 0.45), 0, 0, 360, Scalar.All(255), -1);
        var maskData = new float[resolution * resolution];
        for (var y = 0; y < resolution; y++)
            for (var x = 0; x < resolution; x++)
                maskData[y * resolution + x] = mask.At<byte>(y, x) / 255f;
        using var one = tensor(maskData, [1, 1, resolution, resolution]);
        return (stack(faces, 0), one.expand(count, 1, resolution, resolution).contiguous());
    }

    public static Tensor ToTensor(float[,,] hwc)
    {
        int h = hwc.GetLength(0), w = hwc.GetLength(1);
        var chw = new float[3 * h * w];
        for (var c = 0; c < 3; c++)
            for (var y = 0; y < h; y++)
                for (var x = 0; x < w; x++)
                    chw[(c * h + y) * w + x] = hwc[y, x, c];
        return tensor(chw, [3, h, w]);
    }

    private static float[,,] ToRgbArray(Mat bgr)
    {
        int rows = bgr.Rows, cols = bgr.Cols;
        var rgb = new float[rows, cols, 3];
        for (var y = 0; y < rows; y++)
            for (var x = 0; x < cols; x++)
            {
                var p = bgr.At<Vec3b>(y, x);
                rgb[y, x, 0] = p.Item2 / 255f;
                rgb[y, x, 1] = p.Item1 / 255f;
                rgb[y, x, 2] = p.Item0 / 255f;
            }
        return rgb;
    }

    private static Rect FaceBox(string ptsPath, Size image)
    {
        var points = File.ReadLines(ptsPath)
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(p => p.Length == 2 && double.TryParse(p[0], System.Globalization.CultureInfo.InvariantCulture, out _))
            .Select(p => (X: double.Parse(p[0], System.Globalization.CultureInfo.InvariantCulture), Y: double.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture)))
            .ToList();
        double cx = points.Average(p => p.X), cy = points.Average(p => p.Y);
        var side = 1.4 * Math.Max(points.Max(p => p.X) - points.Min(p => p.X), points.Max(p => p.Y) - points.Min(p => p.Y));
        side = Math.Min(side, Math.Min(image.Width, image.Height));
        var x = (int)Math.Clamp(cx - side / 2, 0, image.Width - side);
        var y = (int)Math.Clamp(cy - side / 2, 0, image.Height - side);
        return new Rect(x, y, (int)side, (int)side);
    }
}
