using FaceLab.FaceSets.Features;

namespace FaceLab.FaceSets.Sorting;

/// <summary>
/// <c>hist-blur</c>: groups of similar histograms, sharpest first inside each group. The groups
/// are the <c>hist</c> chain cut at its ⌈√n⌉ − 1 largest jumps (about √n groups of look-alike
/// faces), so the blurry members of each group sit at its end.
/// </summary>
internal sealed class HistogramBlurSort : IFaceSortMethod
{
    public string Name => "hist-blur";

    public string Description => "grouped by histogram, sharpest first inside each group; O(n²)";

    public FaceOrdering Sort(IReadOnlyList<ScannedFace> faces, FaceSortOptions options, CancellationToken ct)
    {
        var matrix = HistogramOrdering.ToMatrix(faces.Select(f => f.Features.Histogram).ToList());
        var (chain, steps) = HistogramOrdering.SimilarChain(matrix, options.Workers, ct);
        var cuts = (int)Math.Ceiling(Math.Sqrt(chain.Length)) - 1;
        var cutAfter = Enumerable.Range(0, steps.Length).OrderByDescending(k => steps[k]).ThenBy(k => k).Take(cuts).ToHashSet();

        var order = new List<int>(chain.Length);
        var group = new List<int>();
        for (var k = 0; k < chain.Length; k++)
        {
            group.Add(chain[k]);
            if (k == chain.Length - 1 || cutAfter.Contains(k))
            {
                order.AddRange(group.OrderByDescending(i => faces[i].Features.Sharpness));
                group.Clear();
            }
        }
        return new FaceOrdering(order, []);
    }
}
