using FaceLab.FaceSets.Features;

namespace FaceLab.FaceSets.Sorting;

/// <summary>
/// <c>oneface</c>: frames that produced more than one face (a second person, a poster, a false
/// detection) are ambiguous for training; all their faces go to the trash. The rest keep frame order.
/// </summary>
internal sealed class OneFaceSort : IFaceSortMethod
{
    public string Name => "oneface";

    public string Description => "trash every face of frames that gave more than one face; the rest in frame order";

    public FaceOrdering Sort(IReadOnlyList<ScannedFace> faces, FaceSortOptions options, CancellationToken ct)
    {
        var perFrame = faces.GroupBy(f => f.Features.SourceFilename, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var single = Enumerable.Range(0, faces.Count).Where(i => perFrame[faces[i].Features.SourceFilename] == 1);
        var multi = Enumerable.Range(0, faces.Count).Where(i => perFrame[faces[i].Features.SourceFilename] > 1);
        return new FaceOrdering(OriginalNameSort.FrameOrder(faces, single), OriginalNameSort.FrameOrder(faces, multi));
    }
}
