using OpenCvSharp;

namespace FaceLab.Imaging.ColorTransfer;

/// <summary>How <see cref="LinearColorTransfer"/> factors the covariances.</summary>
internal enum CovarianceFactor
{
    /// <summary>Symmetric square roots from the eigen decomposition: no preferred channel, the default.</summary>
    Eigen,

    /// <summary>Cholesky factors: cheaper, but the result depends on the channel order (B first).</summary>
    Cholesky,
}

/// <summary>
/// lct: whitens the source colours with a factor of their covariance and colours them with the
/// target's factor, <c>x ↦ Fₜ·Fₛ⁻¹·(x − μₛ) + μₜ</c>, so mean and covariance become the target's
/// exactly (before clipping). Works in BGR.
/// </summary>
internal sealed class LinearColorTransfer : IColorTransfer
{
    /// <summary>Floor on covariance eigenvalues (variance of 1e-8 ≈ 0.0001 std on a 0..1 scale).</summary>
    internal const double VarianceFloor = 1e-8;

    public string Name => "lct";

    public CovarianceFactor Factor { get; init; } = CovarianceFactor.Eigen;

    /// <summary>Clip the result to [0, 1] (default true).</summary>
    public bool Clip { get; init; } = true;

    public Mat Apply(Mat source, Mat target, Mat? sourceMask = null, Mat? targetMask = null, int seed = 0)
    {
        var pixels = ColorPixels.Read(source, nameof(source));
        var from = ColorStatistics.Of(pixels, ColorPixels.Selection(sourceMask, source, nameof(sourceMask)));
        var to = ColorStatistics.Of(ColorPixels.Read(target, nameof(target)), ColorPixels.Selection(targetMask, target, nameof(targetMask)));
        var map = Factor == CovarianceFactor.Eigen
            ? to.Covariance.SymmetricFunction(Math.Sqrt, VarianceFloor) * from.Covariance.SymmetricFunction(v => 1 / Math.Sqrt(v), VarianceFloor)
            : to.Covariance.Cholesky(VarianceFloor) * from.Covariance.Cholesky(VarianceFloor).InverseLowerTriangular();
        ColorStatistics.ApplyAffine(pixels, map, from.Mean, to.Mean);
        return ColorPixels.Write(pixels, source.Rows, source.Cols, Clip);
    }
}
