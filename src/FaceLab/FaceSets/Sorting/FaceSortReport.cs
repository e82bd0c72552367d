using FaceLab.FaceSets.Features;
using FaceLab.FaceSets;

namespace FaceLab.FaceSets.Sorting;

/// <summary>What a sort did.</summary>
/// <param name="Kept">Faces left in the folder, renamed <c>00000…</c> in the new order.</param>
/// <param name="Trashed">Faces moved to <paramref name="TrashFolder"/>.</param>
/// <param name="Skipped">Files left untouched (no or damaged metadata), by name.</param>
/// <param name="FeaturesComputed">Faces decoded and measured in this run; the rest came from the cache.</param>
/// <param name="ResumedInterruptedSort">An earlier interrupted sort was finished first.</param>
public sealed record FaceSortReport(
    string Method, int Kept, int Trashed, IReadOnlyList<SkippedFace> Skipped,
    int FeaturesComputed, int FeaturesFromCache, bool ResumedInterruptedSort, string TrashFolder);
