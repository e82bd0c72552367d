using OpenCvSharp;

namespace FaceLab.Imaging.ColorTransfer;

/// <summary>
/// mkl (Pitié &amp; Kokaram 2007): the linear map that is the optimal transport between the two
/// Gaussian colour distributions, <c>T = Σₛ^-½·(Σₛ^½·Σₜ·Σₛ^½)^½·Σₛ^-½</c>, applied as
/// <c>x ↦ T·(x − μₛ) + μₜ</c>. Of all linear maps giving the target covariance it moves colours the
/// least, so hues shift less than with <see cref="LinearColorTransfer"/>. Works in BGR.
/// </summary>
internal sealed class MongeKantorovichColorTransfer : IColorTransfer
{
    public string Name => "mkl";

    /// <summary>Clip the result to [0, 1] (default true).</summary>
    public bool Clip { get; init; } = true;

    public Mat Apply(Mat source, Mat target, Mat? sourceMask = null, Mat? targetMask = null, int seed = 0)
    {
        var pixels = ColorPixels.Read(source, nameof(source));
        var from = ColorStatistics.Of(pixels, ColorPixels.Selection(sourceMask, source, nameof(sourceMask)));
        var to = ColorStatistics.Of(ColorPixels.Read(target, nameof(target)), ColorPixels.Selection(targetMask, target, nameof(targetMask)));
        ColorStatistics.ApplyAffine(pixels, Map(from.Covariance, to.Covariance), from.Mean, to.Mean);
        return ColorPixels.Write(pixels, source.Rows, source.Cols, Clip);
    }

    internal static Matrix3 Map(Matrix3 sourceCovariance, Matrix3 targetCovariance)
    {
        const double floor = LinearColorTransfer.VarianceFloor;
        var rootS = sourceCovariance.SymmetricFunction(Math.Sqrt, floor);
        var inverseRootS = sourceCovariance.SymmetricFunction(v => 1 / Math.Sqrt(v), floor);
        var middle = (rootS * targetCovariance * rootS).SymmetricFunction(Math.Sqrt, 0);
        return inverseRootS * middle * inverseRootS;
    }
}
