using System.Runtime.InteropServices;

namespace FaceLab.Common;

/// <summary>
/// Forces written data to the disk. A rename is durable only once the folder holding it is
/// flushed too; .NET cannot open a folder as a file, so on Linux and macOS the folder is opened
/// read-only through libc and fsync'ed. Windows journals renames itself and needs no folder flush.
/// </summary>
internal static class DiskFlush
{
    private const int ReadOnly = 0;

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
        // A NUL-terminated UTF-8 path: what open(2) takes, with no string marshalling to configure.
        var fd = Open([.. System.Text.Encoding.UTF8.GetBytes(folder), 0], ReadOnly);
        if (fd < 0) throw new IOException($"cannot open the folder to flush it (errno {Marshal.GetLastPInvokeError()})");
        try
        {
            if (Fsync(fd) != 0) throw new IOException($"cannot flush the folder (errno {Marshal.GetLastPInvokeError()})");
        }
        finally
        {
            _ = Close(fd);
        }
    }

    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    private static extern int Open(byte[] path, int flags);

    [DllImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static extern int Fsync(int fd);

    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    private static extern int Close(int fd);
}
