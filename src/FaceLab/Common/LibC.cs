using System.Runtime.InteropServices;

namespace FaceLab.Common;

/// <summary>
/// The few POSIX calls .NET does not offer for folders: open a folder read-only (close-on-exec, so
/// ffmpeg children never inherit it), fsync it, flock it, close it. Paths go as NUL-terminated
/// UTF-8 bytes, so there is no string marshalling to configure.
/// </summary>
internal static class LibC
{
    public const int OpenReadOnlyDirectory = 0x10000 | 0x80000; // O_RDONLY | O_DIRECTORY | O_CLOEXEC
    public const int LockExclusiveNonBlocking = 2 | 4;         // LOCK_EX | LOCK_NB
    public const int WouldBlock = 11;                          // EWOULDBLOCK

    /// <summary>A folder's descriptor, or −1 (the error in <see cref="Marshal.GetLastPInvokeError"/>).</summary>
    public static int OpenFolder(string folder) => Open([.. System.Text.Encoding.UTF8.GetBytes(folder), 0], OpenReadOnlyDirectory);

    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    private static extern int Open(byte[] path, int flags);

    [DllImport("libc", EntryPoint = "fsync", SetLastError = true)]
    public static extern int Fsync(int descriptor);

    [DllImport("libc", EntryPoint = "flock", SetLastError = true)]
    public static extern int Flock(int descriptor, int operation);

    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    public static extern int Close(int descriptor);
}
