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
/// </summary>
public static class FaceSetRenamer
{
    public const string JournalFileName = ".facelab-sort-journal.json";

    private const int JournalVersion = 1;
    private const long MaxJournalBytes = 512L * 1024 * 1024;

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static string JournalPath(string folder) => Path.Combine(folder, JournalFileName);

    /// <summary>Runs <paramref name="entries"/> (moves into <paramref name="trashFolder"/> for trashed faces).</summary>
    public static void Execute(string folder, string trashFolder, IReadOnlyList<RenameEntry> entries,
        Action<string, int>? afterStep = null, IProgress<OperationProgress>? progress = null)
    {
        if (entries.Count == 0) return;
        var state = new RenameJournalState(JournalVersion, 1, trashFolder, [.. entries]);
        WriteJournal(folder, state);
        Run(folder, state, afterStep, progress);
    }

    /// <summary>Finishes a sort that was interrupted; false when there was none.</summary>
    public static bool RollForward(string folder, Action<string, int>? afterStep = null)
    {
        var path = JournalPath(folder);
        if (!File.Exists(path)) return false;
        Run(folder, ReadJournal(path), afterStep, null);
        return true;
    }

    private static void Run(string folder, RenameJournalState state, Action<string, int>? afterStep, IProgress<OperationProgress>? progress)
    {
        var total = state.Entries.Count + state.Entries.Count(e => !e.ToTrash);
        var done = 0;
        if (state.Phase == 1)
        {
            if (state.Entries.Any(e => e.ToTrash)) Directory.CreateDirectory(state.TrashFolder);
            foreach (var e in state.Entries)
            {
                Move(Path.Combine(folder, e.From), e.ToTrash ? Path.Combine(state.TrashFolder, e.To) : Path.Combine(folder, e.Temp));
                afterStep?.Invoke("temporary names", ++done);
                progress?.Report(new OperationProgress("rename", done, total, "files"));
            }
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
            afterStep?.Invoke("final names", ++done);
            progress?.Report(new OperationProgress("rename", done, total, "files"));
        }
        File.Delete(JournalPath(folder));
    }

    /// <summary>Moves unless already moved (source gone); never overwrites.</summary>
    private static void Move(string from, string to)
    {
        if (!File.Exists(from)) return; // done before an interruption, or removed by the user meanwhile
        if (File.Exists(to))
            throw new FaceLabException($"{to}: exists, cannot move {Path.GetFileName(from)} there without overwriting; the sort journal {JournalFileName} is kept");
        File.Move(from, to, overwrite: false);
    }

    private static void WriteJournal(string folder, RenameJournalState state) =>
        AtomicOutput.WriteAllBytes(JournalPath(folder), JsonSerializer.SerializeToUtf8Bytes(state, Json));

    private static RenameJournalState ReadJournal(string path)
    {
        RenameJournalState? state;
        try
        {
            if (new FileInfo(path).Length > MaxJournalBytes) throw new FaceLabException($"{path}: sort journal larger than allowed");
            state = JsonSerializer.Deserialize<RenameJournalState>(File.ReadAllBytes(path), Json);
        }
        catch (JsonException e)
        {
            throw new FaceLabException($"{path}: damaged sort journal ({JsonErrors.Reason(e)}); no face was lost: check the temporary names sorting-*", e);
        }
        if (state is null || state.Version != JournalVersion || state.Phase is not (1 or 2) || state.Entries is null
            || string.IsNullOrEmpty(state.TrashFolder)
            || !state.Entries.All(e => e is not null && IsPlainName(e.From) && IsPlainName(e.Temp) && IsPlainName(e.To)))
            throw new FaceLabException($"{path}: damaged or unknown sort journal; no face was lost: check the temporary names sorting-*");
        return state;
    }

    private static bool IsPlainName(string? name) =>
        !string.IsNullOrEmpty(name) && name == Path.GetFileName(name) && name is not ("." or "..") && name.IndexOfAny(['/', '\\', '\0']) < 0;
}
