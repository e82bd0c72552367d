using System.Text.Json;
using FaceLab.Common;

namespace FaceLab.FaceSets.Renaming;

/// <summary>
/// Carries out the renames of a sort so that a crash at any instant loses no face. The plan is
/// written first to the journal <c>.facelab-sort-journal.json</c>; phase 1 moves every face to a
/// temporary name (or into the trash), so no final name is taken by a face still to move; phase 2
/// (recorded in the journal before it starts) moves the temporary names to the final ones; the
/// journal is deleted last. Each move is one atomic rename, and each step can tell from the files
/// alone whether it was done, so a re-run (<see cref="RollForward"/>) finishes an interrupted plan.
/// A journal is untrusted (it travels with a shared face folder): the trash is always the folder's
/// own, every name must be a plain visible file name, and the whole plan is checked before any move.
/// </summary>
internal static class FaceSetRenamer
{
    public const string JournalFileName = ".facelab-sort-journal.json";

    private const int JournalVersion = 1;
    private const long MaxJournalBytes = 512L * 1024 * 1024;

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static string JournalPath(string folder) => Path.Combine(folder, JournalFileName);

    /// <summary>Runs <paramref name="entries"/> (trashed faces go to the folder's trash, <see cref="FaceSetFolder.TrashOf"/>).</summary>
    public static void Execute(string folder, IReadOnlyList<RenameEntry> entries,
        Action<string, int>? afterStep = null, IProgress<OperationProgress>? progress = null)
    {
        if (entries.Count == 0) return;
        var state = new RenameJournalState(JournalVersion, 1, FaceSetFolder.TrashOf(folder), [.. entries]);
        WriteJournal(folder, state);
        Run(folder, state, afterStep, progress);
    }

    /// <summary>Finishes a sort that was interrupted; false when there was none.</summary>
    public static bool RollForward(string folder, Action<string, int>? afterStep = null)
    {
        var path = JournalPath(folder);
        if (!File.Exists(path)) return false;
        Run(folder, ReadJournal(folder, path), afterStep, null);
        return true;
    }

    private static void Run(string folder, RenameJournalState state, Action<string, int>? afterStep, IProgress<OperationProgress>? progress)
    {
        var total = state.Entries.Count + state.Entries.Count(e => !e.ToTrash);
        var done = 0;
        var trash = FaceSetFolder.TrashOf(folder);
        if (state.Phase == 1)
        {
            if (state.Entries.Any(e => e.ToTrash)) Directory.CreateDirectory(trash);
            foreach (var e in state.Entries)
            {
                Move(Path.Combine(folder, e.From), e.ToTrash ? Path.Combine(trash, e.To) : Path.Combine(folder, e.Temp));
                done++; // not inside the call below: a null afterStep skips evaluating its arguments
                afterStep?.Invoke("temporary names", done);
                progress?.Report(new OperationProgress("rename", done, total, "files"));
            }
            // The moves are on the disk before the journal says they were done.
            DiskFlush.Folder(folder);
            if (Directory.Exists(trash)) DiskFlush.Folder(trash);
            state = state with { Phase = 2 };
            WriteJournal(folder, state);
        }
        else
        {
            done = state.Entries.Count;
        }
        foreach (var e in state.Entries.Where(e => !e.ToTrash))
        {
            Move(Path.Combine(folder, e.Temp), Path.Combine(folder, e.To));
            done++;
            afterStep?.Invoke("final names", done);
            progress?.Report(new OperationProgress("rename", done, total, "files"));
        }
        DiskFlush.Folder(folder);
        File.Delete(JournalPath(folder));
        DiskFlush.Folder(folder);
    }

    /// <summary>Moves unless already moved (source gone); never overwrites.</summary>
    private static void Move(string from, string to)
    {
        if (!File.Exists(from)) return; // done before an interruption, or removed by the user meanwhile
        if (File.Exists(to))
            throw new FaceLabException(to, $"exists, cannot move {Path.GetFileName(from)} there without overwriting; the sort journal {JournalFileName} is kept", "move that file out of the folder, then sort again to finish");
        FaultInjection.Pause(FaultInjection.BeforeRename);
        File.Move(from, to, overwrite: false);
    }

    private static void WriteJournal(string folder, RenameJournalState state) =>
        AtomicOutput.WriteAllBytes(JournalPath(folder), JsonSerializer.SerializeToUtf8Bytes(state, Json));

    private static RenameJournalState ReadJournal(string folder, string path)
    {
        RenameJournalState? state;
        try
        {
            if (new FileInfo(path).Length > MaxJournalBytes) throw new FaceLabException(path, "sort journal larger than allowed", Untouched);
            state = JsonSerializer.Deserialize<RenameJournalState>(File.ReadAllBytes(path), Json);
        }
        catch (JsonException e)
        {
            throw new FaceLabException(path, $"damaged sort journal ({JsonErrors.Reason(e)})", Untouched, e);
        }
        if (state is null || state.Version != JournalVersion || state.Phase is not (1 or 2) || state.Entries is null || state.Entries.Contains(null!))
            throw new FaceLabException(path, "damaged or unknown sort journal", Untouched);
        // The trash is recomputed, never taken from the file; a journal naming another one was not written by a sort of this folder.
        if (Path.GetFileName(Path.TrimEndingDirectorySeparator(state.TrashFolder ?? "")) != Path.GetFileName(FaceSetFolder.TrashOf(folder)))
            throw new FaceLabException(path, $"sort journal names a foreign trash folder ({state.TrashFolder}); nothing was moved", ForeignHint);
        if (state.Entries.FirstOrDefault(e => !IsPlainName(e.From) || !IsPlainName(e.Temp) || !IsPlainName(e.To)) is { } bad)
            throw new FaceLabException(path, $"sort journal names a file outside the folder ({bad.From} → {bad.Temp} → {bad.To}); nothing was moved", ForeignHint);
        if (state.Entries.Select(e => e.From).Distinct(StringComparer.Ordinal).Count() != state.Entries.Count
            || state.Entries.Select(e => e.ToTrash ? "trash/" + e.To : e.Temp).Distinct(StringComparer.Ordinal).Count() != state.Entries.Count)
            throw new FaceLabException(path, "sort journal moves two files to one name; nothing was moved", ForeignHint);
        return state;
    }

    private const string Untouched = "no face was lost: check the temporary names sorting-*";
    private const string ForeignHint = "delete the journal if this folder came from elsewhere";

    /// <summary>
    /// A visible file name directly in the folder: no separators, not <c>.</c> or <c>..</c> and not
    /// hidden (faces never are; the journal itself is).
    /// </summary>
    private static bool IsPlainName(string? name) =>
        !string.IsNullOrEmpty(name) && name.Length <= 255 && name == Path.GetFileName(name) && !name.StartsWith('.')
        && name.IndexOfAny(['/', '\\', '\0']) < 0;
}
