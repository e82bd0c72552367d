using System.Runtime.InteropServices;

namespace FaceLab.Common;

/// <summary>
/// Forces written data to the disk. A rename is durable only once the folder holding it is
/// flushed too; .NET cannot open a folder as a file, so on Linux and macOS the folder is opened
/// read-only through libc and fsync'ed. Windows journals renames itself and needs no folder flush.
/// </summary>
internal static class DiskFlush
{
    /// <summary>Flushes a closed file's data and size to the disk.</summary>
    public static void File(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite);
        stream.Flush(flushToDisk: true);
    }

    /// <summary>Flushes a folder's entries (creations, renames, deletions) to the disk.</summary>
    public static void Folder(string folder)
    {
        if (OperatingSystem.IsWindows()) return;
        var fd = LibC.OpenFolder(folder);
        if (fd < 0) throw new IOException($"cannot open the folder to flush it (errno {Marshal.GetLastPInvokeError()})");
        try
        {
            if (LibC.Fsync(fd) != 0) throw new IOException($"cannot flush the folder (errno {Marshal.GetLastPInvokeError()})");
        }
        finally
        {
            _ = LibC.Close(fd);
        }
    }
}
