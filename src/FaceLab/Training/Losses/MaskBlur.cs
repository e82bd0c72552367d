using FaceLab.Training.Layers;
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
    /// <remarks>
    /// Run as one depthwise convolution over the N masks stacked on the channels (zero channels up
    /// to a multiple of 16): libtorch's CPU backward of the plain 1 → 1 convolution returns a wrong
    /// input gradient, 15–32 % off (LossGradientTests), and the style terms train through this blur.
    /// </remarks>
    public Tensor Apply(Tensor mask)
    {
        var pad = KernelSize / 2;
        var same = horizontal.device == mask.device && horizontal.dtype == mask.dtype;
        var h = same ? horizontal : horizontal.to(mask.dtype, mask.device);
        var v = same ? vertical : vertical.to(mask.dtype, mask.device);
        var (count, height, width) = (mask.shape[0], mask.shape[2], mask.shape[3]);
        var channels = count + PaddedConvolution.PadTo(count);
        var stacked = mask.reshape(1, count, height, width);
        if (channels > count) stacked = cat([stacked, zeros([1, channels - count, height, width], mask.dtype, mask.device)], 1);
        var rows = nn.functional.conv2d(stacked, h.expand(channels, 1, 1, KernelSize), padding: [0, pad], groups: channels);
        var blurred = nn.functional.conv2d(rows, v.expand(channels, 1, KernelSize, 1), padding: [pad, 0], groups: channels);
        return blurred.narrow(1, 0, count).reshape(count, 1, height, width);
    }

    public void Dispose()
    {
        horizontal.Dispose();
        vertical.Dispose();
    }
}
