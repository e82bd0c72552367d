using System.Diagnostics;

namespace FaceLab.Tests.Support;

/// <summary>
/// A small file system of its own (tmpfs, or a loop-mounted ext4 image where tmpfs is refused), to
/// fill up on purpose. Mounting needs root; <see cref="Unavailable"/> says why it cannot be done here.
/// </summary>
public sealed class ScratchMount : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly string? _image;

    private ScratchMount(long bytes)
    {
        Path = _folder.Combine("mount");
        Directory.CreateDirectory(Path);
        var tmpfs = Run("mount", "-t", "tmpfs", "-o", $"size={bytes}", "tmpfs", Path);
        if (tmpfs is null) return;
        _image = _folder.Combine("disk.img");
        using (var image = File.Create(_image)) image.SetLength(bytes);
        var loop = Run("mkfs.ext4", "-q", "-F", _image) ?? Run("mount", "-o", "loop", _image, Path);
        if (loop is not null) throw new InvalidOperationException($"cannot mount a scratch file system: tmpfs: {tmpfs}; loop ext4: {loop}");
    }

    /// <summary>Where the file system is mounted.</summary>
    public string Path { get; }

    /// <summary>Why no scratch file system can be mounted here, or null when one can.</summary>
    public static string? Unavailable => Probe.Value;

    private static readonly Lazy<string?> Probe = new(() =>
    {
        try
        {
            using var mount = new ScratchMount(1 << 20);
            return null;
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception or IOException)
        {
            return e.Message;
        }
    });

    /// <summary>Mounts a file system of <paramref name="bytes"/> bytes.</summary>
    public static ScratchMount Create(long bytes) => new(bytes);

    /// <summary>Fills the file system up to its last byte with one file; returns the bytes written.</summary>
    public long Fill()
    {
        var written = 0L;
        using var filler = new FileStream(System.IO.Path.Combine(Path, "filler"), FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 0);
        var block = new byte[1 << 16];
        try
        {
            while (true)
            {
                filler.Write(block);
                written += block.Length;
            }
        }
        catch (IOException)
        {
            // Full: a smaller write may still fit at the end.
        }
        for (var size = block.Length / 2; size >= 1; size /= 2)
        {
            try
            {
                filler.Write(block, 0, size);
                written += size;
            }
            catch (IOException)
            {
            }
        }
        return written;
    }

    public void Dispose()
    {
        Run("umount", "-l", Path);
        _folder.Dispose();
    }

    /// <summary>Runs a command; null on success, else what it said.</summary>
    private static string? Run(string tool, params string[] args)
    {
        var psi = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var process = Process.Start(psi)!;
        var stderr = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 ? null : $"{tool} exit {process.ExitCode}: {stderr.Result.Trim()}";
    }
}

/// <summary>A fact that needs <see cref="ScratchMount"/>: skipped, with the reason, where mounting is not permitted.</summary>
public sealed class ScratchMountFactAttribute : FactAttribute
{
    public ScratchMountFactAttribute()
    {
        if (ScratchMount.Unavailable is { } why) Skip = $"no scratch file system can be mounted here ({why})";
    }
}
