namespace FaceLab.Imaging.ColorTransfer;

/// <summary>Mean and covariance of the 3-channel colours of (selected) pixels, in double precision.</summary>
internal sealed record ColorStatistics(double[] Mean, Matrix3 Covariance)
{
    public static ColorStatistics Of(float[] pixels, int[]? selection)
    {
        var n = ColorPixels.Count(pixels, selection);
        var mean = new double[3];
        for (var k = 0; k < n; k++)
        {
            var p = ColorPixels.At(selection, k) * 3;
            for (var c = 0; c < 3; c++) mean[c] += pixels[p + c];
        }
        for (var c = 0; c < 3; c++) mean[c] /= n;

        var cov = new double[9];
        for (var k = 0; k < n; k++)
        {
            var p = ColorPixels.At(selection, k) * 3;
            double d0 = pixels[p] - mean[0], d1 = pixels[p + 1] - mean[1], d2 = pixels[p + 2] - mean[2];
            cov[0] += d0 * d0; cov[1] += d0 * d1; cov[2] += d0 * d2;
            cov[4] += d1 * d1; cov[5] += d1 * d2; cov[8] += d2 * d2;
        }
        cov[3] = cov[1]; cov[6] = cov[2]; cov[7] = cov[5];
        for (var i = 0; i < 9; i++) cov[i] /= n;
        return new ColorStatistics(mean, new Matrix3(cov));
    }

    /// <summary>Per-channel standard deviations (square roots of the covariance diagonal).</summary>
    public double[] StandardDeviations => [Math.Sqrt(Covariance[0, 0]), Math.Sqrt(Covariance[1, 1]), Math.Sqrt(Covariance[2, 2])];

    /// <summary>Applies <c>x ↦ map·(x − from) + to</c> to every pixel, in place.</summary>
    public static void ApplyAffine(float[] pixels, Matrix3 map, double[] from, double[] to)
    {
        for (var p = 0; p < pixels.Length; p += 3)
        {
            double d0 = pixels[p] - from[0], d1 = pixels[p + 1] - from[1], d2 = pixels[p + 2] - from[2];
            for (var c = 0; c < 3; c++)
                pixels[p + c] = (float)(map[c, 0] * d0 + map[c, 1] * d1 + map[c, 2] * d2 + to[c]);
        }
    }
}
