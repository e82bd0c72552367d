using OpenCvSharp;

namespace FaceLab.Imaging.ColorTransfer;

/// <summary>none: a copy of the source, so callers need no special case.</summary>
internal sealed class NoColorTransfer : IColorTransfer
{
    public string Name => "none";

    public Mat Apply(Mat source, Mat target, Mat? sourceMask = null, Mat? targetMask = null, int seed = 0)
    {
        ArgumentNullException.ThrowIfNull(source);
        return source.Clone();
    }
}
