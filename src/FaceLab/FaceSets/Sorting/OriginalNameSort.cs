using FaceLab.FaceSets.Features;

namespace FaceLab.FaceSets.Sorting;

/// <summary>
/// <c>origname</c>: frame order from the <c>source_filename</c> every face keeps in its metadata;
/// faces of one frame largest first, the order extraction numbered them <c>_0, _1, ...</c>.
/// </summary>
internal sealed class OriginalNameSort : IFaceSortMethod
{
    public string Name => "origname";

    public string Description => "original frame order (source_filename), undoing any other sort";

    public FaceOrdering Sort(IReadOnlyList<ScannedFace> faces, FaceSortOptions options, CancellationToken ct) =>
        new(FrameOrder(faces, Enumerable.Range(0, faces.Count)), []);

    /// <summary>Indices by source frame name (ordinal), then source box size descending, then file name.</summary>
    public static List<int> FrameOrder(IReadOnlyList<ScannedFace> faces, IEnumerable<int> indices) =>
        indices.OrderBy(i => faces[i].Features.SourceFilename, StringComparer.Ordinal)
            .ThenByDescending(i => faces[i].Features.SourceRectSize)
            .ThenBy(i => faces[i].Name, StringComparer.Ordinal)
            .ToList();
}
