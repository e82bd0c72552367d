using OpenCvSharp;

namespace FaceLab.Imaging.ColorTransfer;

/// <summary>
/// sot (Rabin, Peyré, Delon &amp; Bernot 2011): gradient steps on the sliced Wasserstein distance.
/// Each step projects both colour sets on random directions (an orthonormal triple), matches the
/// projections exactly by sorting, and moves every source colour by <see cref="Step"/> times the
/// mean displacement. Works in BGR; seeded.
/// </summary>
internal sealed class SlicedOptimalTransport : IColorTransfer
{
    public string Name => "sot";

    /// <summary>Gradient steps (default 10).</summary>
    public int Iterations { get; init; } = 10;

    /// <summary>Step size (default 1: a full 1-D transport per direction; smaller is smoother but slower).</summary>
    public double Step { get; init; } = 1.0;

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
        {
            // The displacements of one step all come from the same positions (a gradient step).
            var start = (float[])pixels.Clone();
            foreach (var axis in RandomRotation.Next(random))
            {
                var projection = RandomRotation.Project(start, axis);
                var targetProjection = RandomRotation.Select(RandomRotation.Project(targetPixels, axis), targetSelection);
                var matched = QuantileMatching.Match(projection, sourceSelection, targetProjection);
                RandomRotation.Move(pixels, axis, projection, matched, Step);
            }
        }
        return ColorPixels.Write(pixels, source.Rows, source.Cols, Clip);
    }
}
