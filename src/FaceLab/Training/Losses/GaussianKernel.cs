using static TorchSharp.torch;

namespace FaceLab.Training.Losses;

/// <summary>Normalised Gaussian kernels as depthwise convolution weights.</summary>
internal static class GaussianKernel
{
    /// <summary>1-D weights exp(−x²/2σ²) for x in −size/2..size/2, summing to 1 (double precision).</summary>
    public static double[] Weights1D(int size, double sigma)
    {
        var half = size / 2;
        var weights = Enumerable.Range(-half, size).Select(x => Math.Exp(-(double)x * x / (2 * sigma * sigma))).ToArray();
        var sum = weights.Sum();
        return [.. weights.Select(w => w / sum)];
    }

    /// <summary>A channels×1×size×size depthwise window (outer product of the 1-D weights), float32.</summary>
    public static Tensor Window2D(int size, double sigma, int channels, Device? device = null)
    {
        var w = Weights1D(size, sigma);
        var data = new float[size * size];
        for (var y = 0; y < size; y++)
            for (var x = 0; x < size; x++)
                data[y * size + x] = (float)(w[y] * w[x]);
        using var window = tensor(data, [1, 1, size, size]);
        return window.expand(channels, 1, size, size).contiguous().to(device ?? CPU).DetachFromDisposeScope();
    }
}
