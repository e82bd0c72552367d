namespace FaceLab.Imaging.ColorTransfer;

/// <summary>
/// 1-D histogram matching: each value goes to the target value with the same cumulative share,
/// <c>v ↦ Fₜ⁻¹(Fₛ(v))</c>, with both CDFs from histograms over the common range (piecewise linear).
/// </summary>
internal static class HistogramMatching
{
    /// <param name="source">Every source value; the mapping is applied to all of them.</param>
    /// <param name="selection">The source values the source CDF is built from (null: all).</param>
    /// <param name="target">The target values (already selected).</param>
    /// <param name="sourceShare">
    /// Scales the source CDF before the look-up (1: plain matching). Below 1 the source's top values
    /// go to a lower target quantile: DeepFaceLab's hist-match threshold, threshold/255.
    /// </param>
    public static float[] Match(float[] source, int[]? selection, float[] target, int bins, double sourceShare = 1.0)
    {
        var selected = RandomRotation.Select(source, selection);
        var lo = Math.Min(selected.Min(), target.Min());
        var hi = Math.Max(selected.Max(), target.Max());
        var width = (hi - lo) / bins;
        if (!(width > 1e-12)) return (float[])source.Clone();

        var sourceCdf = Cdf(selected, lo, width, bins);
        var targetCdf = Cdf(target, lo, width, bins);

        // The target value for each source bin edge; values in between are interpolated.
        var lastTargetEnd = lo + width * (Array.FindLastIndex(targetCdf, c => c < 1.0) + 1);
        var lookup = new double[bins + 1];
        var j = 0;
        for (var k = 0; k <= bins; k++)
        {
            var u = sourceCdf[k] * sourceShare;
            while (j < bins && targetCdf[j + 1] <= u) j++;
            lookup[k] = j == bins
                ? lastTargetEnd
                : lo + width * (j + Math.Clamp((u - targetCdf[j]) / (targetCdf[j + 1] - targetCdf[j]), 0, 1));
        }

        var result = new float[source.Length];
        for (var i = 0; i < source.Length; i++)
        {
            var t = (source[i] - lo) / width;
            if (t <= 0) result[i] = (float)(lookup[0] + (source[i] - lo));
            else if (t >= bins) result[i] = (float)(lookup[bins] + (source[i] - hi));
            else
            {
                var k = (int)t;
                var f = t - k;
                result[i] = (float)(lookup[k] * (1 - f) + lookup[k + 1] * f);
            }
        }
        return result;
    }

    /// <summary>CDF at the bin edges: <c>cdf[0] = 0 … cdf[bins] = 1</c>.</summary>
    private static double[] Cdf(float[] values, double lo, double width, int bins)
    {
        var cdf = new double[bins + 1];
        foreach (var v in values) cdf[Math.Clamp((int)((v - lo) / width), 0, bins - 1) + 1]++;
        for (var k = 1; k <= bins; k++) cdf[k] = cdf[k - 1] + cdf[k] / values.Length;
        cdf[bins] = 1.0;
        return cdf;
    }
}
