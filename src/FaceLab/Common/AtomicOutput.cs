namespace FaceLab.Common;

/// <summary>
/// Writes to a hidden temporary name beside the final path and renames on success, so a
/// crash, Ctrl+C or error never leaves half a file under the final name.
/// </summary>
public sealed class AtomicOutput : IDisposable
{
    private bool _committed;

    private AtomicOutput(string finalPath, string temporaryPath)
    {
        FinalPath = finalPath;
        TemporaryPath = temporaryPath;
    }

    public string FinalPath { get; }

    /// <summary>Where the producer writes; keeps the final extension so tools infer the format.</summary>
    public string TemporaryPath { get; }

    /// <summary>
    /// Prepares an output. Refuses to replace an existing file unless <paramref name="overwrite"/>
    /// and checks up front that the folder is writable, so long work does not fail at the end.
    /// </summary>
    public static AtomicOutput Begin(string finalPath, bool overwrite)
    {
        var full = Path.GetFullPath(finalPath);
        if (Directory.Exists(full))
            throw new FaceLabException($"{finalPath}: is a folder, expected a file name for the output");
        if (File.Exists(full) && !overwrite)
            throw new FaceLabException($"{finalPath}: already exists; pass --overwrite to replace it");
        var dir = Path.GetDirectoryName(full)!;
        EnsureWritableFolder(dir, finalPath);
        var temp = Path.Combine(dir, $".{Path.GetFileNameWithoutExtension(full)}.{Guid.NewGuid():N}.partial{Path.GetExtension(full)}");
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
            throw new FaceLabException($"{shownName}: cannot write there ({e.Message})", e);
        }
    }

    /// <summary>Writes a whole small file under a temporary name and renames it (replacing any old one).</summary>
    public static void WriteAllBytes(string path, ReadOnlySpan<byte> bytes)
    {
        var temp = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.partial");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write))
                stream.Write(bytes);
            File.Move(temp, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            File.Delete(temp);
            throw new FaceLabException($"{path}: cannot write ({e.Message})", e);
        }
    }

    /// <summary>Moves the finished temporary file to the final name.</summary>
    public void Commit()
    {
        if (!File.Exists(TemporaryPath))
            throw new FaceLabException($"{FinalPath}: the output was not produced");
        File.Move(TemporaryPath, FinalPath, overwrite: true);
        _committed = true;
    }

    public void Dispose()
    {
        if (!_committed)
        {
            try { File.Delete(TemporaryPath); } catch (IOException) { }
        }
    }
}
