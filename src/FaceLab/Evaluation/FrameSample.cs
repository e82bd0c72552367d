namespace FaceLab.Evaluation;

/// <summary>Which frames a sampled evaluation measures: runs of consecutive frames spread evenly, so frame-to-frame change stays measurable.</summary>
internal static class FrameSample
{
    /// <summary>
    /// <paramref name="frames"/> (frame indices in order) whole when they fit in <paramref name="max"/>,
    /// else max / runLength runs of <paramref name="runLength"/> consecutive entries, evenly spaced.
    /// </summary>
    public static List<int> Runs(IReadOnlyList<int> frames, int? max, int runLength)
    {
        if (max is not { } limit || frames.Count <= limit) return [.. frames];
        var runs = limit / runLength;
        var chosen = new List<int>(runs * runLength);
        for (var r = 0; r < runs; r++)
        {
            var start = (int)((long)r * (frames.Count - runLength) / Math.Max(1, runs - 1));
            chosen.AddRange(Enumerable.Range(start, runLength).Select(i => frames[i]));
        }
        return chosen;
    }
}
