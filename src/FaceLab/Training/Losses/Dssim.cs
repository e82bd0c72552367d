using static TorchSharp.torch;

namespace FaceLab.Training.Losses;

/// <summary>
/// Structural dissimilarity, DSSIM = (1 − SSIM) / 2, with SSIM of Wang et al. (2004): Gaussian
/// window σ 1.5, k1 0.01, k2 0.03, data range 1, population (co)variances, averaged over the valid
/// (unpadded) positions, channels and batch. The window grows with the resolution (≈ res/11.6,
/// odd); from 256 px half the loss uses that window and half one of ≈ res/23.2, so both coarse
/// and fine structure count. Matches scikit-image's <c>structural_similarity</c> with
/// <c>gaussian_weights=True, sigma=1.5, use_sample_covariance=False</c> at an 11-pixel window.
/// </summary>
internal sealed class Dssim : IDisposable
{
    public const double Sigma = 1.5;
    private const double K1 = 0.01, K2 = 0.03;
    private const double C1 = K1 * K1, C2 = K2 * K2;
    private const int MultiWindowResolution = 256;

    private readonly Tensor[] windows;

    public Dssim(int resolution, int channels = 3, Device? device = null)
    {
        WindowSizes = WindowSizesFor(resolution);
        windows = [.. WindowSizes.Select(size => GaussianKernel.Window2D(size, Sigma, channels, device))];
        Channels = channels;
    }

    public IReadOnlyList<int> WindowSizes { get; }

    public int Channels { get; }

    /// <summary>The window sizes used at <paramref name="resolution"/>: one below 256 px, two from 256 px.</summary>
    public static IReadOnlyList<int> WindowSizesFor(int resolution) =>
        resolution >= MultiWindowResolution
            ? [OddWindow(resolution / 11.6), OddWindow(resolution / 23.2)]
            : [OddWindow(resolution / 11.6)];

    /// <summary>DSSIM of two N×C×H×W batches in [0, 1] as a scalar tensor (differentiable).</summary>
    public Tensor Compute(Tensor prediction, Tensor target)
    {
        Tensor? total = null;
        foreach (var window in windows)
        {
            var w = window.device == prediction.device && window.dtype == prediction.dtype ? window : window.to(prediction.dtype, prediction.device);
            var part = (1 - Ssim(prediction, target, w)) / 2;
            total = total is null ? part : total + part;
        }
        return total! / windows.Length;
    }

    private Tensor Ssim(Tensor a, Tensor b, Tensor window)
    {
        Tensor Filter(Tensor t) => nn.functional.conv2d(t, window, groups: Channels);
        var muA = Filter(a);
        var muB = Filter(b);
        var muA2 = muA * muA;
        var muB2 = muB * muB;
        var muAB = muA * muB;
        var varA = Filter(a * a) - muA2;
        var varB = Filter(b * b) - muB2;
        var covAB = Filter(a * b) - muAB;
        var map = (2 * muAB + C1) * (2 * covAB + C2) / ((muA2 + muB2 + C1) * (varA + varB + C2));
        return map.mean();
    }

    private static int OddWindow(double size)
    {
        var n = Math.Max(3, (int)size);
        return n % 2 == 0 ? n + 1 : n;
    }

    public void Dispose()
    {
        foreach (var w in windows) w.Dispose();
    }
}
