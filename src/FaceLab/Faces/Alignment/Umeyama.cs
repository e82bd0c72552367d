using OpenCvSharp;

namespace FaceLab.Faces.Alignment;

/// <summary>
/// Umeyama's least-squares similarity (rotation, uniform scale, translation) between two 2D point
/// sets (S. Umeyama, "Least-squares estimation of transformation parameters between two point
/// patterns", IEEE PAMI 1991): SVD of the 2×2 cross-covariance, with the sign fix that keeps the
/// result a rotation, never a reflection.
/// </summary>
internal static class Umeyama
{
    /// <summary>
    /// The similarity <c>T</c> minimising <c>Σ|dst_i − T(src_i)|²</c>. With
    /// <paramref name="estimateScale"/> false the scale is fixed at 1 (a rigid fit).
    /// </summary>
    public static Affine2D Estimate(IReadOnlyList<Point2d> source, IReadOnlyList<Point2d> destination, bool estimateScale = true)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(destination);
        if (source.Count != destination.Count)
            throw new ArgumentException($"point counts differ: {source.Count} vs {destination.Count}", nameof(destination));
        var n = source.Count;
        if (n < 2) throw new ArgumentException("at least two point pairs are needed", nameof(source));

        var srcMean = Mean(source);
        var dstMean = Mean(destination);

        // Cross-covariance Σ = 1/n · Σ (dst − μd)(src − μs)ᵀ and the source variance.
        double c00 = 0, c01 = 0, c10 = 0, c11 = 0, srcVariance = 0;
        for (var i = 0; i < n; i++)
        {
            var s = source[i] - srcMean;
            var d = destination[i] - dstMean;
            c00 += d.X * s.X;
            c01 += d.X * s.Y;
            c10 += d.Y * s.X;
            c11 += d.Y * s.Y;
            srcVariance += s.X * s.X + s.Y * s.Y;
        }
        c00 /= n;
        c01 /= n;
        c10 /= n;
        c11 /= n;
        srcVariance /= n;
        if (srcVariance == 0) throw new ArgumentException("the source points all coincide", nameof(source));

        using var covariance = new Mat(2, 2, MatType.CV_64FC1);
        covariance.Set(0, 0, c00);
        covariance.Set(0, 1, c01);
        covariance.Set(1, 0, c10);
        covariance.Set(1, 1, c11);
        using var w = new Mat();
        using var u = new Mat();
        using var vt = new Mat();
        Cv2.SVDecomp(covariance, w, u, vt, SVD.Flags.FullUV);

        // S = diag(1, det(U)·det(V)): flips the weakest axis when the best orthogonal fit is a reflection.
        var sign = Math.Sign(Det2(u) * Det2(vt));
        if (sign == 0) sign = 1;

        var r00 = u.At<double>(0, 0) * vt.At<double>(0, 0) + sign * u.At<double>(0, 1) * vt.At<double>(1, 0);
        var r01 = u.At<double>(0, 0) * vt.At<double>(0, 1) + sign * u.At<double>(0, 1) * vt.At<double>(1, 1);
        var r10 = u.At<double>(1, 0) * vt.At<double>(0, 0) + sign * u.At<double>(1, 1) * vt.At<double>(1, 0);
        var r11 = u.At<double>(1, 0) * vt.At<double>(0, 1) + sign * u.At<double>(1, 1) * vt.At<double>(1, 1);

        var scale = estimateScale ? (w.At<double>(0) + sign * w.At<double>(1)) / srcVariance : 1.0;

        var a00 = scale * r00;
        var a01 = scale * r01;
        var a10 = scale * r10;
        var a11 = scale * r11;
        return new Affine2D(
            a00, a01, dstMean.X - (a00 * srcMean.X + a01 * srcMean.Y),
            a10, a11, dstMean.Y - (a10 * srcMean.X + a11 * srcMean.Y));
    }

    private static Point2d Mean(IReadOnlyList<Point2d> points)
    {
        double x = 0, y = 0;
        foreach (var p in points)
        {
            x += p.X;
            y += p.Y;
        }
        return new Point2d(x / points.Count, y / points.Count);
    }

    private static double Det2(Mat m) =>
        m.At<double>(0, 0) * m.At<double>(1, 1) - m.At<double>(0, 1) * m.At<double>(1, 0);
}
