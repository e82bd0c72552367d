using System.Globalization;
using FaceLab.Common;

namespace FaceLab.Training.Sessions;

/// <summary>
/// Atomic checkpoints in a model folder: each save writes a complete new folder under a
/// temporary name, flushes every file to disk, renames the folder into place and only then
/// points <c>current</c> at it (itself written to a temporary name and renamed). A kill at any
/// instant leaves <c>current</c> naming a complete checkpoint; the older one is removed last.
/// Backups are copies of a checkpoint kept under <c>backups/</c>, the oldest dropped beyond K.
/// </summary>
internal sealed class CheckpointStore(string modelFolder)
{
    private const string PointerName = "current";

    public string Folder { get; } = modelFolder;

    /// <summary>Test hook: called with the staging folder once every file of a save is written, before it is made durable and named.</summary>
    internal Action<string>? SaveHook { get; set; }

    private string CheckpointsFolder => Path.Combine(Folder, "checkpoints");

    private string BackupsFolder => Path.Combine(Folder, "backups");

    /// <summary>The folder of the last complete checkpoint, or null when none was saved.</summary>
    public string? Current
    {
        get
        {
            var pointer = Path.Combine(CheckpointsFolder, PointerName);
            if (File.Exists(pointer))
            {
                // Only a plain folder name counts: an empty, damaged or escaping pointer falls back below.
                var name = File.ReadAllText(pointer).Trim();
                var named = Path.Combine(CheckpointsFolder, name);
                if (name.Length > 0 && name == Path.GetFileName(name) && !name.StartsWith('.') && Directory.Exists(named)) return named;
            }
            // A pointer lost to a crash between rename and pointer update: the newest complete folder.
            return Directory.Exists(CheckpointsFolder)
                ? Directory.EnumerateDirectories(CheckpointsFolder).Where(d => !Path.GetFileName(d).StartsWith('.')).Order(StringComparer.Ordinal).LastOrDefault()
                : null;
        }
    }

    /// <summary>Writes a checkpoint for <paramref name="iteration"/> with the files <paramref name="write"/> puts in the folder it is given.</summary>
    public string Save(long iteration, Action<string> write)
    {
        Directory.CreateDirectory(CheckpointsFolder);
        var previous = Current;
        var staging = Path.Combine(CheckpointsFolder, $".saving-{Guid.NewGuid():N}");
        Directory.CreateDirectory(staging);
        try
        {
            write(staging);
            SaveHook?.Invoke(staging);
            FaultInjection.Pause(FaultInjection.InSave);
            // Durable before it is named: every file, then the folder, then the rename, then the pointer.
            foreach (var file in Directory.EnumerateFiles(staging)) DiskFlush.File(file);
            DiskFlush.Folder(staging);
            var final = Path.Combine(CheckpointsFolder, Name(iteration));
            if (Directory.Exists(final) && final != previous) Directory.Delete(final, recursive: true);
            if (final == previous) final += "-" + DateTime.UtcNow.ToString("HHmmssfff", CultureInfo.InvariantCulture);
            Directory.Move(staging, final);
            DiskFlush.Folder(CheckpointsFolder);
            FaultInjection.Pause(FaultInjection.BeforePointer);
            AtomicOutput.WriteAllBytes(Path.Combine(CheckpointsFolder, PointerName), System.Text.Encoding.UTF8.GetBytes(Path.GetFileName(final)));
            // Only now, with the new checkpoint and its pointer on disk, does the previous one go.
            RemoveAllBut(final);
            return final;
        }
        catch (Exception e)
        {
            // The half-written checkpoint goes, which also gives back the space it took.
            if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
            if (e is IOException or UnauthorizedAccessException) throw SaveFailed(iteration, previous, e);
            throw;
        }
    }

    /// <summary>One line for a save the disk refused: what failed, and which checkpoint is still there.</summary>
    private FaceLabException SaveFailed(long iteration, string? previous, Exception e)
    {
        var kept = previous is null ? "nothing had been saved before" : $"the last checkpoint ({Path.GetFileName(previous)}) is kept";
        return DiskErrors.IsNoSpace(e)
            ? new FaceLabException(Folder, $"no space left on the disk to save iteration {iteration}; {kept}", "free disk space, then train again to continue from it", e)
            : new FaceLabException(Folder, $"cannot save iteration {iteration} ({e.Message}); {kept}", "check the folder's permissions and the disk", e);
    }

    /// <summary>Copies the current checkpoint to <c>backups/</c> and keeps the newest <paramref name="keep"/>.</summary>
    public string? Backup(int keep)
    {
        if (Current is not { } current || keep <= 0) return null;
        Directory.CreateDirectory(BackupsFolder);
        // Named by checkpoint and time; two backups in the same millisecond get a counter.
        var stem = Path.Combine(BackupsFolder, Path.GetFileName(current) + "-" + DateTime.UtcNow.ToString("yyyyMMddTHHmmssfff", CultureInfo.InvariantCulture));
        var target = stem;
        for (var n = 2; Directory.Exists(target); n++) target = $"{stem}-{n}";
        var staging = Path.Combine(BackupsFolder, $".copying-{Guid.NewGuid():N}");
        Directory.CreateDirectory(staging);
        foreach (var file in Directory.EnumerateFiles(current))
        {
            var copy = Path.Combine(staging, Path.GetFileName(file));
            File.Copy(file, copy);
            DiskFlush.File(copy);
        }
        DiskFlush.Folder(staging);
        Directory.Move(staging, target);
        DiskFlush.Folder(BackupsFolder);
        foreach (var old in Directory.EnumerateDirectories(BackupsFolder).Where(d => !Path.GetFileName(d).StartsWith('.'))
                     .Order(StringComparer.Ordinal).SkipLast(keep))
            Directory.Delete(old, recursive: true);
        return target;
    }

    /// <summary>
    /// Makes <paramref name="backup"/> (a folder of <see cref="Backups"/>) the current checkpoint, after
    /// keeping the current one as a backup itself; nothing is rotated away. Returns that new backup.
    /// </summary>
    public string? Restore(string backup, long iteration)
    {
        var kept = Current is null ? null : Backup(int.MaxValue);
        Save(iteration, dir =>
        {
            foreach (var file in Directory.EnumerateFiles(backup)) File.Copy(file, Path.Combine(dir, Path.GetFileName(file)));
        });
        return kept;
    }

    public IReadOnlyList<string> Backups =>
        Directory.Exists(BackupsFolder)
            ? Directory.EnumerateDirectories(BackupsFolder).Where(d => !Path.GetFileName(d).StartsWith('.')).Order(StringComparer.Ordinal).ToList()
            : [];

    private static string Name(long iteration) => iteration.ToString("D9", CultureInfo.InvariantCulture);

    /// <summary>Older checkpoints and staging folders of this (locked) model; a crashed save's staging folder goes too.</summary>
    private void RemoveAllBut(string keep)
    {
        foreach (var dir in Directory.EnumerateDirectories(CheckpointsFolder))
            if (dir != keep) Directory.Delete(dir, recursive: true);
    }
}
