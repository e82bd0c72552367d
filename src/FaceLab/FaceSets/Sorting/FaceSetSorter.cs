using FaceLab.Common;
using FaceLab.FaceSets.Features;
using FaceLab.FaceSets.Renaming;

namespace FaceLab.FaceSets.Sorting;

/// <summary>
/// <c>facelab faces sort DIR --by METHOD</c>: measures the faces (cached), orders them by the
/// method, trashes rejected faces into <c>DIR_trash/</c> and renames the rest <c>00000.jpg</c>,
/// <c>00001.jpg</c>, ... in the new order through <see cref="FaceSetRenamer"/>. Metadata is left
/// as it is, so <c>source_filename</c> survives and <c>origname</c> restores frame order.
/// Cancellation stops the measuring and the ordering (measured faces stay cached); once the
/// renames start they run to the end (a second or so for 10,000 faces) rather than leave faces
/// under temporary names; a crash during them is finished by the next sort or restore.
/// </summary>
public static class FaceSetSorter
{
    /// <summary>Final names have at least this many digits (more when the set has ≥ 100,000 faces).</summary>
    public const int MinDigits = 5;

    /// <summary><see cref="Sort"/> on a worker thread.</summary>
    public static Task<FaceSortReport> SortAsync(string folder, string method, FaceSortOptions options,
        IProgress<OperationProgress>? progress = null, CancellationToken ct = default) =>
        Task.Run(() => Sort(folder, method, options, progress, ct), ct);

    /// <summary>Sorts the faces of <paramref name="folder"/> by <paramref name="method"/>: renames them in the new order and moves the rejected to the trash folder.</summary>
    public static FaceSortReport Sort(string folder, string method, FaceSortOptions options,
        IProgress<OperationProgress>? progress = null, CancellationToken ct = default)
    {
        var sorter = FaceSortMethods.Get(method);
        if (options.Count is < 0) throw new FaceLabException($"face count {options.Count}", "must be 0 or more", "give the number of faces to keep") { Remedy = Remedy.FaceCount };
        folder = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder));
        var trash = FaceSetFolder.TrashOf(folder);
        if (!Directory.Exists(folder)) throw new FaceLabException(folder, "folder not found", "check the folder's path");
        using var folderLock = ResourceLock.Acquire(folder, "faces sort");
        var resumed = FaceSetRenamer.RollForward(folder, options.AfterRenameStep);

        var scan = FaceSetScanner.Scan(folder, options.Workers, progress, ct);
        progress?.Report(new OperationProgress("sort by " + sorter.Name, 0, null, "faces"));
        var ordering = sorter.Sort(scan.Faces, options, ct);
        var (kept, rejected) = ApplyLimits(ordering, options, sorter.Name);
        progress?.Report(new OperationProgress("sort by " + sorter.Name, scan.Faces.Count, scan.Faces.Count, "faces"));
        ct.ThrowIfCancellationRequested();

        var (plan, finalNames) = Plan(folder, trash, scan, kept, rejected);
        FaceSetRenamer.Execute(folder, plan, options.AfterRenameStep, progress);
        var values = ordering.Scores is { } scores
            ? kept.Select(i => new SortedFaceValue(finalNames[i], scores[i], false))
                .Concat(rejected.Select(i => new SortedFaceValue(finalNames[i], scores[i], true))).ToList()
            : [];
        return new FaceSortReport(sorter.Name, kept.Count, rejected.Count, scan.Skipped, scan.Computed, scan.FromCache, resumed, trash, values);
    }

    /// <summary>Moves faces outside the value thresholds, then those after the first <see cref="FaceSortOptions.Count"/>, to the rejected.</summary>
    private static (List<int> Kept, List<int> Rejected) ApplyLimits(FaceOrdering ordering, FaceSortOptions options, string method)
    {
        var kept = ordering.Order.ToList();
        var rejected = ordering.Rejected.ToList();
        if (options.TrashBelow is not null || options.TrashAbove is not null)
        {
            var scores = ordering.Scores ?? throw new FaceLabException("value thresholds", $"sorting by {method} gives no per-face value to compare", "drop the thresholds or sort by a measured value")
            { Remedy = Remedy.NoValueThreshold };
            bool Outside(int i) => scores[i] < (options.TrashBelow ?? double.NegativeInfinity) || scores[i] > (options.TrashAbove ?? double.PositiveInfinity);
            rejected.AddRange(kept.Where(Outside));
            kept.RemoveAll(Outside);
        }
        if (options.Count is { } count && kept.Count > count)
        {
            rejected.AddRange(kept.Skip(count));
            kept.RemoveRange(count, kept.Count - count);
        }
        return (kept, rejected);
    }

    /// <summary>
    /// Final names <c>00000.ext</c>, ... in order (skipping numbers whose stem a skipped file holds),
    /// temporary names that exist nowhere, and free names in the trash. Faces already at their final name stay out of the plan.
    /// Also returns every face's name after the sort, by face index.
    /// </summary>
    private static (List<RenameEntry> Plan, Dictionary<int, string> FinalNames) Plan(string folder, string trash, ScannedFaceSet scan, List<int> kept, List<int> rejected)
    {
        var finalNames = new Dictionary<int, string>();
        var faces = scan.Faces;
        var heldStems = scan.Skipped.Select(s => Path.GetFileNameWithoutExtension(s.Name)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var digits = Math.Max(MinDigits, Math.Max(0, kept.Count + heldStems.Count - 1).ToString(System.Globalization.CultureInfo.InvariantCulture).Length);
        var runId = Guid.NewGuid().ToString("N")[..6];
        var entries = new List<RenameEntry>();
        var number = 0;
        for (var k = 0; k < kept.Count; k++)
        {
            var face = faces[kept[k]];
            string stem;
            do stem = number++.ToString("D" + digits, System.Globalization.CultureInfo.InvariantCulture);
            while (heldStems.Contains(stem));
            var to = stem + Path.GetExtension(face.Name).ToLowerInvariant();
            finalNames[kept[k]] = to;
            if (to == face.Name) continue;
            entries.Add(new RenameEntry(face.Name, TempName(folder, runId, k, face.Name), to, ToTrash: false));
        }
        var trashNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (var i in rejected)
        {
            var name = FaceSetFolder.FreeName(trash, faces[i].Name, trashNames);
            trashNames.Add(name);
            finalNames[i] = name;
            entries.Add(new RenameEntry(faces[i].Name, TempName(folder, runId, kept.Count + entries.Count, faces[i].Name), name, ToTrash: true));
        }
        return (entries, finalNames);
    }

    private static string TempName(string folder, string runId, int k, string name)
    {
        var temp = $"sorting-{runId}-{k:D6}{Path.GetExtension(name)}";
        return File.Exists(Path.Combine(folder, temp))
            ? throw new FaceLabException(Path.Combine(folder, temp), "a file already has the temporary name of the sort", "rename it and sort again")
            : temp;
    }
}
