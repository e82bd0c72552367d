namespace FaceLab.Imaging.ColorTransfer;

/// <summary>
/// 1-D optimal transport by sorting: the value of rank r among the source goes to the target's
/// value at the same quantile. Exact (no bins); the sliced optimal transport step.
/// </summary>
internal static class QuantileMatching
{
    /// <param name="source">Every source value; the mapping is applied to all of them.</param>
    /// <param name="selection">The source values that define the ranks (null: all, matched by rank directly).</param>
    /// <param name="target">The target values (already selected).</param>
    public static float[] Match(float[] source, int[]? selection, float[] target)
    {
        var sortedTarget = (float[])target.Clone();
        Array.Sort(sortedTarget);
        var result = new float[source.Length];
        if (selection is null)
        {
            var keys = (float[])source.Clone();
            var order = new int[source.Length];
            for (var i = 0; i < order.Length; i++) order[i] = i;
            Array.Sort(keys, order);
            for (var r = 0; r < order.Length; r++) result[order[r]] = Quantile(sortedTarget, Share(r, order.Length));
            return result;
        }

        var sortedSource = RandomRotation.Select(source, selection);
        Array.Sort(sortedSource);
        var n = sortedSource.Length;
        for (var i = 0; i < source.Length; i++)
        {
            var v = source[i];
            if (v <= sortedSource[0]) result[i] = sortedTarget[0] + (v - sortedSource[0]);
            else if (v >= sortedSource[n - 1]) result[i] = sortedTarget[^1] + (v - sortedSource[n - 1]);
            else
            {
                // Fractional rank between the two neighbouring sorted values.
                var hi = Array.BinarySearch(sortedSource, v);
                if (hi < 0) hi = ~hi;
                while (hi > 0 && sortedSource[hi - 1] >= v) hi--;
                var lo = Math.Max(hi - 1, 0);
                var gap = sortedSource[hi] - sortedSource[lo];
                var rank = gap > 0 ? lo + (v - sortedSource[lo]) / gap : hi;
                result[i] = Quantile(sortedTarget, rank / (n - 1));
            }
        }
        return result;
    }

    private static double Share(int rank, int count) => count == 1 ? 0.5 : (double)rank / (count - 1);

    private static float Quantile(float[] sorted, double share)
    {
        var position = share * (sorted.Length - 1);
        var k = Math.Clamp((int)position, 0, sorted.Length - 1);
        if (k == sorted.Length - 1) return sorted[k];
        var f = position - k;
        return (float)(sorted[k] * (1 - f) + sorted[k + 1] * f);
    }
}
