using OpenCvSharp;

namespace FaceLab.Tests.Imaging.ColorTransfer;

/// <summary>Independent measures of colour distributions for the transfer tests.</summary>
internal static class ColorDistances
{
    public static (double[] Mean, double[,] Covariance) MeanAndCovariance(IReadOnlyList<Vec3f> pixels)
    {
        var mean = new double[3];
        foreach (var p in pixels)
            for (var c = 0; c < 3; c++) mean[c] += p[c];
        for (var c = 0; c < 3; c++) mean[c] /= pixels.Count;
        var cov = new double[3, 3];
        foreach (var p in pixels)
            for (var i = 0; i < 3; i++)
                for (var j = 0; j < 3; j++) cov[i, j] += (p[i] - mean[i]) * (p[j] - mean[j]);
        for (var i = 0; i < 3; i++)
            for (var j = 0; j < 3; j++) cov[i, j] /= pixels.Count;
        return (mean, cov);
    }

    /// <summary>Largest absolute difference between two covariance matrices, relative to the largest entry of the second.</summary>
    public static double RelativeCovarianceError(double[,] actual, double[,] expected)
    {
        double diff = 0, scale = 0;
        for (var i = 0; i < 3; i++)
            for (var j = 0; j < 3; j++)
            {
                diff = Math.Max(diff, Math.Abs(actual[i, j] - expected[i, j]));
                scale = Math.Max(scale, Math.Abs(expected[i, j]));
            }
        return diff / scale;
    }

    /// <summary>
    /// Sliced Wasserstein-2 distance (squared) over 64 fixed directions, the two sets compared at
    /// 256 common quantiles so that their sizes may differ.
    /// </summary>
    public static double SlicedWasserstein(IReadOnlyList<Vec3f> a, IReadOnlyList<Vec3f> b)
    {
        var random = new Random(12345);
        double total = 0;
        const int directions = 64, quantiles = 256;
        for (var d = 0; d < directions; d++)
        {
            var axis = new double[3];
            for (var c = 0; c < 3; c++) axis[c] = random.NextDouble() * 2 - 1;
            var norm = Math.Sqrt(axis.Sum(v => v * v));
            var pa = a.Select(p => (p[0] * axis[0] + p[1] * axis[1] + p[2] * axis[2]) / norm).Order().ToArray();
            var pb = b.Select(p => (p[0] * axis[0] + p[1] * axis[1] + p[2] * axis[2]) / norm).Order().ToArray();
            for (var q = 0; q < quantiles; q++)
            {
                var share = (q + 0.5) / quantiles;
                var diff = pa[(int)(share * pa.Length)] - pb[(int)(share * pb.Length)];
                total += diff * diff;
            }
        }
        return total / (directions * quantiles);
    }

    /// <summary>Per-channel mean and standard deviation in L*a*b* of the (masked) pixels.</summary>
    public static (double[] Mean, double[] Std) LabStatistics(Mat bgr, Mat? mask = null)
    {
        using var lab = new Mat();
        Cv2.CvtColor(bgr, lab, ColorConversionCodes.BGR2Lab);
        var (mean, cov) = MeanAndCovariance(ColorTestImages.Pixels(lab, mask));
        return (mean, [Math.Sqrt(cov[0, 0]), Math.Sqrt(cov[1, 1]), Math.Sqrt(cov[2, 2])]);
    }
}
