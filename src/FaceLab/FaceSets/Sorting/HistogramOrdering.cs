using FaceLab.FaceSets.Features;

namespace FaceLab.FaceSets.Sorting;

/// <summary>
/// The quadratic histogram orderings on a contiguous matrix of <see cref="FaceHistogram"/> rows
/// (n × 96 floats). Distances are <see cref="FaceHistogram.Distance"/>; ties go to the lower index,
/// so results do not depend on the number of threads.
/// </summary>
internal static class HistogramOrdering
{
    /// <summary>Below this many candidates a step of the chain runs on one thread (fork/join costs more than it saves).</summary>
    private const int ParallelThreshold = 2048;

    /// <summary>The histograms as one row-major matrix, the layout the orderings scan.</summary>
    public static float[] ToMatrix(IReadOnlyList<float[]> histograms)
    {
        var matrix = new float[histograms.Count * FaceHistogram.Length];
        for (var i = 0; i < histograms.Count; i++) histograms[i].CopyTo(matrix, i * FaceHistogram.Length);
        return matrix;
    }

    private static ReadOnlySpan<float> Row(float[] matrix, int i) => matrix.AsSpan(i * FaceHistogram.Length, FaceHistogram.Length);

    /// <summary>
    /// Greedy nearest-neighbour chain: starts at face 0 and repeatedly appends the most similar
    /// face not yet placed, so similar faces end up together. n(n−1)/2 distances; each step's
    /// search is split over <paramref name="workers"/> threads. Also returns the distance of each
    /// step (<c>steps[k]</c> between <c>order[k]</c> and <c>order[k+1]</c>).
    /// </summary>
    public static (int[] Order, float[] Steps) SimilarChain(float[] matrix, int workers, CancellationToken ct = default)
    {
        var n = matrix.Length / FaceHistogram.Length;
        var order = new int[n];
        var steps = new float[Math.Max(0, n - 1)];
        if (n == 0) return (order, steps);
        var rest = Enumerable.Range(1, n - 1).ToArray();
        var restCount = n - 1;
        var chunks = Math.Max(1, workers) * 4;
        var chunkBest = new (float Distance, int Position)[chunks];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, workers), CancellationToken = ct };

        var current = 0;
        for (var step = 1; step < n; step++)
        {
            ct.ThrowIfCancellationRequested();
            (float Distance, int Position) best;
            if (restCount < ParallelThreshold || workers <= 1)
            {
                best = Nearest(matrix, current, rest, 0, restCount);
            }
            else
            {
                var count = restCount;
                var from = current;
                Parallel.For(0, chunks, parallel, c =>
                    chunkBest[c] = Nearest(matrix, from, rest, (int)((long)count * c / chunks), (int)((long)count * (c + 1) / chunks)));
                best = chunkBest[0];
                for (var c = 1; c < chunks; c++)
                    if (Better(chunkBest[c], best, rest)) best = chunkBest[c];
            }
            current = rest[best.Position];
            order[step] = current;
            steps[step - 1] = best.Distance;
            rest[best.Position] = rest[--restCount];
        }
        return (order, steps);
    }

    private static (float Distance, int Position) Nearest(float[] matrix, int from, int[] rest, int start, int end)
    {
        var a = Row(matrix, from);
        (float Distance, int Position) best = (float.PositiveInfinity, -1);
        for (var k = start; k < end; k++)
        {
            var d = FaceHistogram.Distance(a, Row(matrix, rest[k]));
            if (best.Position < 0 || d < best.Distance || (d == best.Distance && rest[k] < rest[best.Position])) best = (d, k);
        }
        return best;
    }

    private static bool Better((float Distance, int Position) a, (float Distance, int Position) b, int[] rest) =>
        a.Position >= 0 && (b.Position < 0 || a.Distance < b.Distance || (a.Distance == b.Distance && rest[a.Position] < rest[b.Position]));

    /// <summary>
    /// For each face the sum of its distances to all others (high = unlike the rest of the set).
    /// n(n−1)/2 distances: rows in parallel, each adding to its own and, by symmetry, to the other's
    /// thread-local total.
    /// </summary>
    public static double[] DissimilarityScores(float[] matrix, int workers, CancellationToken ct = default)
    {
        var n = matrix.Length / FaceHistogram.Length;
        var totals = new double[n];
        var gate = new Lock();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, workers), CancellationToken = ct };
        Parallel.For(0, n, parallel, () => new double[n], (i, _, local) =>
        {
            var a = Row(matrix, i);
            var rowSum = 0.0;
            for (var j = i + 1; j < n; j++)
            {
                var d = FaceHistogram.Distance(a, Row(matrix, j));
                rowSum += d;
                local[j] += d;
            }
            local[i] += rowSum;
            return local;
        }, local =>
        {
            lock (gate)
                for (var i = 0; i < n; i++) totals[i] += local[i];
        });
        return totals;
    }

    /// <summary>
    /// Farthest-point selection: starts with <paramref name="candidates"/>[0] and repeatedly adds
    /// the candidate whose nearest chosen face is farthest away, until <paramref name="count"/>
    /// are chosen. O(count · candidates) distances.
    /// </summary>
    public static List<int> MostDissimilar(float[] matrix, IReadOnlyList<int> candidates, int count)
    {
        var chosen = new List<int>();
        if (count <= 0 || candidates.Count == 0) return chosen;
        var nearest = new float[candidates.Count];
        Array.Fill(nearest, float.PositiveInfinity);
        var taken = new bool[candidates.Count];
        var next = 0;
        while (chosen.Count < Math.Min(count, candidates.Count))
        {
            taken[next] = true;
            chosen.Add(candidates[next]);
            var row = Row(matrix, candidates[next]);
            var far = -1;
            for (var k = 0; k < candidates.Count; k++)
            {
                if (taken[k]) continue;
                nearest[k] = MathF.Min(nearest[k], FaceHistogram.Distance(row, Row(matrix, candidates[k])));
                if (far < 0 || nearest[k] > nearest[far]) far = k;
            }
            if (far < 0) break;
            next = far;
        }
        return chosen;
    }
}
