using static TorchSharp.torch;

namespace FaceLab.Training.Losses;

/// <summary>
/// SAEHD's extra image terms, built on the <see cref="MaskBlur"/> kernel (≈ res/16): the style
/// distance (per-channel mean and standard deviation of the blurred images), the background
/// fill of blur-out-mask, and the total variation that keeps GAN training free of bright dots.
/// </summary>
internal sealed class ImageStatistics(int resolution, Device? device = null) : IDisposable
{
    private readonly MaskBlur blur = new(resolution, device);

    /// <summary>Blurs every channel of an N×C×H×W batch.</summary>
    public Tensor Blur(Tensor images)
    {
        var shape = images.shape;
        return blur.Apply(images.reshape(shape[0] * shape[1], 1, shape[2], shape[3])).reshape(shape);
    }

    /// <summary>Squared distance of the per-channel means and standard deviations of the blurred images.</summary>
    public Tensor Style(Tensor prediction, Tensor target)
    {
        var a = Blur(prediction);
        var b = Blur(target);
        var (meanA, meanB) = (a.mean([2, 3]), b.mean([2, 3]));
        var (stdA, stdB) = (a.std([2, 3]), b.std([2, 3]));
        return (meanA - meanB).square().mean() + (stdA - stdB).square().mean();
    }

    /// <summary>The images with everything outside <paramref name="mask"/> replaced by the blurred background near it (normalised convolution).</summary>
    public Tensor BlurOutside(Tensor images, Tensor mask)
    {
        var outside = 1 - mask;
        var weight = blur.Apply(outside);
        var background = Blur(images * outside) / weight.clamp_min(1e-4);
        return images * mask + background * outside;
    }

    /// <summary>Mean squared difference of neighbouring pixels, both axes.</summary>
    public static Tensor TotalVariation(Tensor images)
    {
        var h = images.shape[2];
        var w = images.shape[3];
        var rows = (images.narrow(2, 1, h - 1) - images.narrow(2, 0, h - 1)).square().mean();
        var columns = (images.narrow(3, 1, w - 1) - images.narrow(3, 0, w - 1)).square().mean();
        return rows + columns;
    }

    public void Dispose() => blur.Dispose();
}
