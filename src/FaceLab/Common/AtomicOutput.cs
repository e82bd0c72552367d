namespace FaceLab.Common;

/// <summary>
/// The one way FaceLab writes a file: under a hidden temporary name in the same folder, flushed
/// to the disk, renamed to the final name, and the folder flushed, so neither a crash, a power
/// cut, Ctrl+C nor an error leaves half a file (or a lost rename) under the final name.
/// Small files use <see cref="WriteAllBytes"/>, copies <see cref="CopyFile"/>; producers that
/// write the file themselves (ffmpeg, a pack writer) use <see cref="Begin"/> and <see cref="Commit"/>.
/// </summary>
public sealed class AtomicOutput : IDisposable
{
    private bool _committed;

    private AtomicOutput(string finalPath, string temporaryPath)
    {
        FinalPath = finalPath;
        TemporaryPath = temporaryPath;
    }

    /// <summary>The path the output gets when committed.</summary>
    public string FinalPath { get; }

    /// <summary>Where the producer writes: hidden, in the same folder, with the final extension so tools infer the format.</summary>
    public string TemporaryPath { get; }

    /// <summary>
    /// Prepares an output. Refuses to replace an existing file unless <paramref name="overwrite"/>
    /// and checks up front that the folder is writable, so long work does not fail at the end.
    /// </summary>
    public static AtomicOutput Begin(string finalPath, bool overwrite)
    {
        var full = Path.GetFullPath(finalPath);
        if (Directory.Exists(full))
            throw new FaceLabException(finalPath, "is a folder", "give a file name for the output");
        if (File.Exists(full) && !overwrite)
            throw new FaceLabException(finalPath, "already exists", "allow overwriting to replace it") { Remedy = Remedy.Overwrite };
        var dir = Path.GetDirectoryName(full)!;
        EnsureWritableFolder(dir, finalPath);
        RemoveAbandoned(dir);
        var temp = Path.Combine(dir, $".{Path.GetFileNameWithoutExtension(full)}.{TemporaryTag()}.partial{Path.GetExtension(full)}");
        return new AtomicOutput(full, temp);
    }

    /// <summary>Creates the folder if needed and proves it accepts files.</summary>
    public static void EnsureWritableFolder(string dir, string shownName)
    {
        try
        {
            Directory.CreateDirectory(dir);
            var probe = Path.Combine(dir, $".facelab-write-test-{Guid.NewGuid():N}");
            using (File.Create(probe, 1, FileOptions.DeleteOnClose)) { }
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            throw new FaceLabException(shownName, $"cannot write there ({e.Message})", "check the folder's permissions and free space", e);
        }
    }

    /// <summary>Writes a whole file durably, replacing any old one.</summary>
    public static void WriteAllBytes(string path, ReadOnlySpan<byte> bytes)
    {
        var full = Path.GetFullPath(path);
        var temp = TemporaryBeside(full);
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write))
            {
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }
            Rename(temp, full);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(temp);
            throw DiskErrors.IsNoSpace(e)
                ? new FaceLabException(path, "no space left on the disk", "free disk space", e)
                : new FaceLabException(path, $"cannot write ({e.Message})", "check the folder's permissions and free space", e);
        }
    }

    /// <summary>Copies <paramref name="source"/> to <paramref name="destination"/> durably, replacing any old file.</summary>
    public static void CopyFile(string source, string destination)
    {
        var full = Path.GetFullPath(destination);
        var temp = TemporaryBeside(full);
        try
        {
            using (var input = File.OpenRead(source))
            using (var output = new FileStream(temp, FileMode.CreateNew, FileAccess.Write))
            {
                input.CopyTo(output, 1 << 20);
                output.Flush(flushToDisk: true);
            }
            Rename(temp, full);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(temp);
            throw new FaceLabException(destination, $"cannot copy {source} there ({e.Message})", "check the folder's permissions and free space", e);
        }
    }

    /// <summary>
    /// Moves finished files another process wrote (e.g. ffmpeg's frames) to their final names:
    /// each is flushed, then renamed, then every receiving folder is flushed once.
    /// </summary>
    public static void Publish(IReadOnlyList<(string From, string To)> files)
    {
        foreach (var (from, _) in files) DiskFlush.File(from);
        foreach (var (from, to) in files)
        {
            FaultInjection.Pause(FaultInjection.BeforeRename);
            File.Move(from, to, overwrite: true);
        }
        foreach (var folder in files.Select(f => Path.GetDirectoryName(Path.GetFullPath(f.To))!).Distinct(StringComparer.Ordinal))
            DiskFlush.Folder(folder);
    }

    /// <summary>Flushes the finished temporary file and moves it to the final name.</summary>
    public void Commit()
    {
        if (!File.Exists(TemporaryPath))
            throw new FaceLabException(FinalPath, "the output was not produced", null);
        DiskFlush.File(TemporaryPath);
        Rename(TemporaryPath, FinalPath);
        _committed = true;
    }

    /// <summary>Removes the temporary file unless the output was committed.</summary>
    public void Dispose()
    {
        if (!_committed) TryDelete(TemporaryPath);
    }

    /// <summary>
    /// Deletes the temporary files that killed processes left in <paramref name="folder"/>: those
    /// whose writer (the process id in the name) is gone. A live writer's file is never touched.
    /// </summary>
    public static int RemoveAbandoned(string folder)
    {
        if (!Directory.Exists(folder)) return 0;
        var removed = 0;
        foreach (var file in Directory.EnumerateFiles(folder, ".*.partial*"))
        {
            if (WriterOf(Path.GetFileName(file)) is not { } pid || IsRunning(pid)) continue;
            TryDelete(file);
            removed++;
        }
        return removed;
    }

    /// <summary>A hidden name in the same folder: a rename across file systems would not be atomic.</summary>
    private static string TemporaryBeside(string full) =>
        Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{TemporaryTag()}.partial");

    /// <summary>The writer's process id and a unique part: which process a temporary file belongs to.</summary>
    private static string TemporaryTag() => $"{Environment.ProcessId}-{Guid.NewGuid():N}";

    /// <summary>The process id in a temporary name <c>.NAME.PID-GUID.partial[.EXT]</c>, or null for any other name.</summary>
    private static int? WriterOf(string name)
    {
        var end = name.LastIndexOf(".partial", StringComparison.Ordinal);
        var tagStart = end < 0 ? -1 : name.LastIndexOf('.', end - 1);
        if (tagStart < 0) return null;
        var tag = name.AsSpan(tagStart + 1, end - tagStart - 1);
        var dash = tag.IndexOf('-');
        return dash > 0 && int.TryParse(tag[..dash], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var pid) ? pid : null;
    }

    private static bool IsRunning(int pid)
    {
        if (pid == Environment.ProcessId) return true;
        if (OperatingSystem.IsLinux()) return Directory.Exists($"/proc/{pid}");
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static void Rename(string temp, string final)
    {
        FaultInjection.Pause(FaultInjection.BeforeRename);
        File.Move(temp, final, overwrite: true);
        DiskFlush.Folder(Path.GetDirectoryName(final)!);
    }

    private static void TryDelete(string path)
    {
        try { File.Delete(path); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
