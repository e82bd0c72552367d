namespace FaceLab.Common;

/// <summary>Tells apart the I/O errors a user can act on, whatever text the OS gave them.</summary>
public static class DiskErrors
{
    private const int NoSpaceErrno = 28;                // ENOSPC
    private const int QuotaErrno = 122;                 // EDQUOT (Linux)
    private const int WindowsDiskFull = unchecked((int)0x80070070);
    private const int WindowsHandleDiskFull = unchecked((int)0x80070027);

    /// <summary>True when <paramref name="e"/> (or an exception inside it) says the disk or the user's quota is full.</summary>
    public static bool IsNoSpace(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
            if (e is IOException && e.HResult is NoSpaceErrno or QuotaErrno or WindowsDiskFull or WindowsHandleDiskFull) return true;
        return false;
    }
}
