using FaceLab.FaceSets.Features;

namespace FaceLab.FaceSets.Sorting;

/// <summary>
/// <c>hist-dissim</c>: faces unlike the rest first (largest summed histogram distance to all
/// others), so the first N are the N to keep for variety. The value is that summed distance
/// divided by n − 1 (a mean distance, 0..3), comparable across set sizes for <c>--trash-below</c>.
/// </summary>
internal sealed class HistogramDissimilarSort : IFaceSortMethod
{
    public string Name => "hist-dissim";

    public string Description => "most distinct histograms first (summed distance to all others); O(n²)";

    public FaceOrdering Sort(IReadOnlyList<ScannedFace> faces, FaceSortOptions options, CancellationToken ct)
    {
        var matrix = HistogramOrdering.ToMatrix(faces.Select(f => f.Features.Histogram).ToList());
        var totals = HistogramOrdering.DissimilarityScores(matrix, options.Workers, ct);
        var scores = totals.Select(t => faces.Count > 1 ? t / (faces.Count - 1) : 0).ToArray();
        var order = Enumerable.Range(0, faces.Count).OrderByDescending(i => scores[i]).ToList();
        return new FaceOrdering(order, [], scores);
    }
}
