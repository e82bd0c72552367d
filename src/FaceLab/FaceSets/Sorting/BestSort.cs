using FaceLab.Common;
using FaceLab.FaceSets.Features;

namespace FaceLab.FaceSets.Sorting;

/// <summary>
/// <c>best --count N</c> (DeepFaceLab's "final"): keeps N faces spread evenly over head pose and
/// trashes the rest. The observed yaw range is cut into bins of <see cref="YawBinDegrees"/>, each
/// split into <see cref="PitchBins"/> pitch bins over its own pitch range; the N places are shared
/// equally among the non-empty cells (a cell with fewer faces gives its spare places to the
/// others). In each cell the sharpest 2×quota faces are candidates and the quota most
/// histogram-dissimilar of them are kept (farthest-point selection from the sharpest).
/// The kept faces are ordered by yaw, like <c>face-yaw</c>.
/// </summary>
internal sealed class BestSort : IFaceSortMethod
{
    public const double YawBinDegrees = 5;

    public const int PitchBins = 3;

    /// <summary>Candidates per kept face in a cell, before the dissimilarity choice.</summary>
    public const int CandidatesPerPlace = 2;

    public string Name => "best";

    public string Description => "given a count N: N faces spread over yaw and pitch, sharpest per bin, then most dissimilar; trashes the rest";

    public FaceOrdering Sort(IReadOnlyList<ScannedFace> faces, FaceSortOptions options, CancellationToken ct)
    {
        if (options.Count is not { } count) throw new FaceLabException($"sorting by {Name}", "needs the number of faces to keep", "give a face count") { Remedy = Remedy.FaceCount };
        if (count >= faces.Count) return new FaceOrdering(ByYaw(faces, Enumerable.Range(0, faces.Count)), []);

        var cells = Cells(faces);
        var quotas = ShareEvenly(cells.Select(c => c.Count).ToArray(), count);
        var matrix = HistogramOrdering.ToMatrix(faces.Select(f => f.Features.Histogram).ToList());
        var kept = new List<int>(count);
        for (var c = 0; c < cells.Count; c++)
        {
            ct.ThrowIfCancellationRequested();
            var sharpest = cells[c].OrderByDescending(i => faces[i].Features.Sharpness).ThenBy(i => i).Take(quotas[c] * CandidatesPerPlace).ToList();
            kept.AddRange(HistogramOrdering.MostDissimilar(matrix, sharpest, quotas[c]));
        }
        var keptSet = kept.ToHashSet();
        return new FaceOrdering(ByYaw(faces, kept), Enumerable.Range(0, faces.Count).Where(i => !keptSet.Contains(i)).ToList());
    }

    private static List<int> ByYaw(IReadOnlyList<ScannedFace> faces, IEnumerable<int> indices) =>
        indices.OrderByDescending(i => faces[i].Features.YawDegrees).ThenBy(i => i).ToList();

    /// <summary>Face indices per non-empty (yaw bin, pitch bin) cell.</summary>
    private static List<List<int>> Cells(IReadOnlyList<ScannedFace> faces)
    {
        var minYaw = faces.Min(f => f.Features.YawDegrees);
        var byYaw = Enumerable.Range(0, faces.Count).GroupBy(i => (int)Math.Floor((faces[i].Features.YawDegrees - minYaw) / YawBinDegrees));
        var cells = new List<List<int>>();
        foreach (var yawBin in byYaw.OrderBy(g => g.Key))
        {
            var members = yawBin.ToList();
            var low = members.Min(i => faces[i].Features.PitchDegrees);
            var high = members.Max(i => faces[i].Features.PitchDegrees);
            var width = Math.Max(1e-6, (high - low) / PitchBins);
            cells.AddRange(members.GroupBy(i => Math.Min(PitchBins - 1, (int)((faces[i].Features.PitchDegrees - low) / width)))
                .OrderBy(g => g.Key).Select(g => g.ToList()));
        }
        return cells;
    }

    /// <summary>
    /// Splits <paramref name="places"/> among cells of the given sizes as evenly as their sizes
    /// allow (water filling, smallest cells first); the quotas sum to min(places, total size).
    /// </summary>
    public static int[] ShareEvenly(IReadOnlyList<int> sizes, int places)
    {
        var quotas = new int[sizes.Count];
        var remaining = places;
        var left = sizes.Count;
        foreach (var c in Enumerable.Range(0, sizes.Count).OrderBy(c => sizes[c]).ThenBy(c => c))
        {
            var share = (remaining + left - 1) / left;
            quotas[c] = Math.Min(sizes[c], share);
            remaining -= quotas[c];
            left--;
        }
        return quotas;
    }
}
