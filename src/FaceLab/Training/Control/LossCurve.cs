using FaceLab.Training.Sessions;

namespace FaceLab.Training.Control;

/// <summary>
/// The loss curve of a model over a range of iterations, reduced to at most a given number of
/// points (the mean of equal runs of iterations), so a million iterations draw as fast as a hundred.
/// </summary>
/// <param name="Count">Iterations recorded in the model's whole history.</param>
/// <param name="Iterations">Each point's last iteration, ascending.</param>
/// <param name="Source">Mean src loss of each point.</param>
/// <param name="Destination">Mean dst loss of each point.</param>
public sealed record LossCurve(int Count, IReadOnlyList<long> Iterations, IReadOnlyList<float> Source, IReadOnlyList<float> Destination)
{
    /// <summary>Most points a curve may be asked for.</summary>
    public const int MaxPoints = 4000;

    /// <summary>The curve of <paramref name="points"/> (oldest first) over the last <paramref name="lastIterations"/> iterations (null: all).</summary>
    internal static LossCurve Of(LossPoint[] points, long? lastIterations, int maxPoints)
    {
        maxPoints = Math.Clamp(maxPoints, 1, MaxPoints);
        var from = 0;
        if (lastIterations is { } last && points.Length > 0)
        {
            var first = points[^1].Iteration - Math.Max(0, last);
            while (from < points.Length && points[from].Iteration <= first) from++;
        }
        var count = points.Length - from;
        var buckets = Math.Min(count, maxPoints);
        var iterations = new long[buckets];
        var source = new float[buckets];
        var destination = new float[buckets];
        for (var b = 0; b < buckets; b++)
        {
            var start = from + (int)((long)b * count / buckets);
            var end = from + (int)((long)(b + 1) * count / buckets);
            double s = 0, d = 0;
            for (var i = start; i < end; i++)
            {
                s += points[i].Source;
                d += points[i].Destination;
            }
            iterations[b] = points[end - 1].Iteration;
            source[b] = (float)(s / (end - start));
            destination[b] = (float)(d / (end - start));
        }
        return new LossCurve(points.Length, iterations, source, destination);
    }
}
