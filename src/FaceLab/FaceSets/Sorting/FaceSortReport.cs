
namespace FaceLab.FaceSets.Sorting;

/// <summary>What a sort did.</summary>
/// <param name="Kept">Faces left in the folder, renamed <c>00000…</c> in the new order.</param>
/// <param name="Trashed">Faces moved to <paramref name="TrashFolder"/>.</param>
/// <param name="Skipped">Files left untouched (no or damaged metadata), by name.</param>
/// <param name="FeaturesComputed">Faces decoded and measured in this run; the rest came from the cache.</param>
/// <param name="ResumedInterruptedSort">An earlier interrupted sort was finished first.</param>
/// <param name="Values">
/// The value each face was sorted by (sharpness, yaw, ...), kept faces first in their new order
/// under their new names, then the trashed ones under their trash names; empty for methods
/// without a per-face value. This is the scale <c>--trash-below</c>/<c>--trash-above</c> compare against.
/// </param>
public sealed record FaceSortReport(
    string Method, int Kept, int Trashed, IReadOnlyList<SkippedFace> Skipped,
    int FeaturesComputed, int FeaturesFromCache, bool ResumedInterruptedSort, string TrashFolder,
    IReadOnlyList<SortedFaceValue> Values);

/// <summary>A face's name after the sort, the value it was sorted by, and whether it went to the trash.</summary>
public sealed record SortedFaceValue(string Name, double Value, bool Trashed);
