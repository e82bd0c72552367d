using FaceLab.FaceSets.Features;

namespace FaceLab.FaceSets.Sorting;

/// <summary><c>hist</c>: similar colour histograms together (a nearest-neighbour chain), so odd faces form runs to delete.</summary>
internal sealed class HistogramSimilarSort : IFaceSortMethod
{
    public string Name => "hist";

    public string Description => "similar histograms together (greedy nearest-neighbour chain); O(n²)";

    public FaceOrdering Sort(IReadOnlyList<ScannedFace> faces, FaceSortOptions options, CancellationToken ct)
    {
        var matrix = HistogramOrdering.ToMatrix(faces.Select(f => f.Features.Histogram).ToList());
        return new FaceOrdering(HistogramOrdering.SimilarChain(matrix, options.Workers, ct).Order, []);
    }
}
