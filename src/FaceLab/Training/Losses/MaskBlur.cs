using static TorchSharp.torch;

namespace FaceLab.Training.Losses;

/// <summary>
/// Softens the face mask before it weights the reconstruction losses, so the border between face
/// and background is learned smoothly instead of as a hard seam. Separable Gaussian blur with a
/// kernel of ≈ res/16 pixels (odd, at least 3) and σ a quarter of it; zero padding (masks are 0 at
/// the crop's edge).
/// </summary>
internal sealed class MaskBlur : IDisposable
{
    private readonly Tensor horizontal, vertical;

    public MaskBlur(int resolution, Device? device = null)
    {
        var size = Math.Max(3, resolution / 16) | 1;
        KernelSize = size;
        var weights = GaussianKernel.Weights1D(size, size / 4.0).Select(w => (float)w).ToArray();
        horizontal = tensor(weights, [1, 1, 1, size]).to(device ?? CPU).DetachFromDisposeScope();
        vertical = tensor(weights, [1, 1, size, 1]).to(device ?? CPU).DetachFromDisposeScope();
    }

    public int KernelSize { get; }

    /// <summary>Blurs an N×1×H×W mask batch (same size out).</summary>
    public Tensor Apply(Tensor mask)
    {
        var pad = KernelSize / 2;
        var h = horizontal.device == mask.device ? horizontal : horizontal.to(mask.device);
        var v = vertical.device == mask.device ? vertical : vertical.to(mask.device);
        var rows = nn.functional.conv2d(mask, h, padding: [0, pad]);
        return nn.functional.conv2d(rows, v, padding: [pad, 0]);
    }

    public void Dispose()
    {
        horizontal.Dispose();
        vertical.Dispose();
    }
}
