using FaceLab.Common;
using FaceLab.FaceSets.Renaming;

namespace FaceLab.FaceSets;

/// <summary>What <see cref="FaceSetTrash.Restore"/> did: files moved back, and those given a new name because theirs was taken.</summary>
public sealed record FaceRestoreReport(int Restored, IReadOnlyList<(string From, string To)> Renamed);

/// <summary>
/// The trash of a face set, <c>DIR_trash/</c> beside it: sorting moves rejected faces there and
/// never deletes; <see cref="Restore"/> moves them all back.
/// </summary>
public static class FaceSetTrash
{
    /// <summary>
    /// Moves the named faces of <paramref name="folder"/> into its trash (the studio's "delete"),
    /// under a free name there; returns the names they got in the trash.
    /// </summary>
    public static IReadOnlyList<string> MoveToTrash(string folder, IEnumerable<string> names)
    {
        folder = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder));
        var trash = FaceSetFolder.TrashOf(folder);
        Directory.CreateDirectory(trash);
        var moved = new List<string>();
        foreach (var name in names)
        {
            if (name != Path.GetFileName(name)) throw new FaceLabException(name, $"not a file name in {folder}", "give the names of faces in the folder, without a path");
            var source = Path.Combine(folder, name);
            if (!File.Exists(source)) throw new FaceLabException(source, "no such face", "reload the faces; it may have been moved or deleted already");
            var target = FaceSetFolder.FreeName(trash, name);
            File.Move(source, Path.Combine(trash, target), overwrite: false);
            moved.Add(target);
        }
        return moved;
    }

    /// <summary>
    /// Moves every file of <c>DIR_trash/</c> back into <paramref name="folder"/>; a name already
    /// taken becomes <c>stem_1.ext</c>, <c>stem_2.ext</c>, ... (nothing is overwritten). The empty
    /// trash folder is removed. An interrupted sort of the folder is finished first.
    /// </summary>
    public static FaceRestoreReport Restore(string folder, IProgress<OperationProgress>? progress = null)
    {
        folder = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder));
        if (!Directory.Exists(folder)) throw new FaceLabException(folder, "folder not found", "check the folder's path");
        using var folderLock = ResourceLock.Acquire(folder, "faces restore");
        FaceSetRenamer.RollForward(folder);
        var trash = FaceSetFolder.TrashOf(folder);
        if (!Directory.Exists(trash)) return new FaceRestoreReport(0, []);

        var files = Directory.GetFiles(trash).Order(StringComparer.Ordinal).ToList();
        var renamed = new List<(string, string)>();
        for (var i = 0; i < files.Count; i++)
        {
            var name = Path.GetFileName(files[i]);
            var target = FaceSetFolder.FreeName(folder, name);
            File.Move(files[i], Path.Combine(folder, target), overwrite: false);
            if (target != name) renamed.Add((name, target));
            progress?.Report(new OperationProgress("restore", i + 1, files.Count, "files"));
        }
        if (!Directory.EnumerateFileSystemEntries(trash).Any()) Directory.Delete(trash);
        return new FaceRestoreReport(files.Count, renamed);
    }
}
