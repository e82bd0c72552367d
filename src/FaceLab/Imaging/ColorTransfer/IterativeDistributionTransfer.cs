using OpenCvSharp;

namespace FaceLab.Imaging.ColorTransfer;

/// <summary>
/// idt (Pitié, Kokaram &amp; Dahyot 2005): repeat — rotate the 3-D colour space at random, match the
/// 1-D histogram of the source to the target's along each of the three new axes — until the whole
/// 3-D distribution matches, not only its mean and covariance. Works in BGR; seeded.
/// </summary>
internal sealed class IterativeDistributionTransfer : IColorTransfer
{
    public string Name => "idt";

    /// <summary>Random rotations (default 20: the paper sees convergence in about that many).</summary>
    public int Iterations { get; init; } = 20;

    /// <summary>Histogram bins per axis (default 300).</summary>
    public int Bins { get; init; } = 300;

    /// <summary>Clip the result to [0, 1] (default true).</summary>
    public bool Clip { get; init; } = true;

    public Mat Apply(Mat source, Mat target, Mat? sourceMask = null, Mat? targetMask = null, int seed = 0)
    {
        var pixels = ColorPixels.Read(source, nameof(source));
        var targetPixels = ColorPixels.Read(target, nameof(target));
        var sourceSelection = ColorPixels.Selection(sourceMask, source, nameof(sourceMask));
        var targetSelection = ColorPixels.Selection(targetMask, target, nameof(targetMask));
        var random = new Random(seed);
        for (var iteration = 0; iteration < Iterations; iteration++)
            foreach (var axis in RandomRotation.Next(random))
            {
                // Axes are orthogonal: moving along one leaves the projections on the others unchanged.
                var projection = RandomRotation.Project(pixels, axis);
                var targetProjection = RandomRotation.Select(RandomRotation.Project(targetPixels, axis), targetSelection);
                var matched = HistogramMatching.Match(projection, sourceSelection, targetProjection, Bins);
                RandomRotation.Move(pixels, axis, projection, matched, 1.0);
            }
        return ColorPixels.Write(pixels, source.Rows, source.Cols, Clip);
    }
}
