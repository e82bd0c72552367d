using OpenCvSharp;

namespace FaceLab.Imaging.ColorTransfer;

/// <summary>
/// mix-m: lct first (mean and covariance in one linear step, so the colours start close), then sot
/// (fixes the shape of the distribution beyond two moments). Both steps see the same masks. (DeepFaceLab
/// mixes differently; this order is our choice: the linear step leaves sot only the residual shape.)
/// </summary>
internal sealed class MixedColorTransfer : IColorTransfer
{
    public string Name => "mix-m";

    public Mat Apply(Mat source, Mat target, Mat? sourceMask = null, Mat? targetMask = null, int seed = 0)
    {
        using var linear = new LinearColorTransfer().Apply(source, target, sourceMask, targetMask, seed);
        return new SlicedOptimalTransport().Apply(linear, target, sourceMask, targetMask, seed);
    }
}
