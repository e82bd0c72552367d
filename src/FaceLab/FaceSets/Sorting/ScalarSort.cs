using FaceLab.FaceSets.Features;

namespace FaceLab.FaceSets.Sorting;

/// <summary>Orders faces by one per-face value (blur, yaw, brightness, ...); ties keep the name order.</summary>
internal sealed class ScalarSort(string name, string description, Func<FaceFeatures, double> value, bool descending) : IFaceSortMethod
{
    public string Name => name;

    public string Description => description;

    public FaceOrdering Sort(IReadOnlyList<ScannedFace> faces, FaceSortOptions options, CancellationToken ct)
    {
        var scores = faces.Select(f => value(f.Features)).ToArray();
        var order = Enumerable.Range(0, faces.Count);
        order = descending ? order.OrderByDescending(i => scores[i]) : order.OrderBy(i => scores[i]);
        return new FaceOrdering(order.ToList(), [], scores);
    }
}
