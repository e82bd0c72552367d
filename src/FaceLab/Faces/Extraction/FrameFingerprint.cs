using System.Globalization;
using System.IO.Hashing;

namespace FaceLab.Faces.Extraction;

/// <summary>
/// What a frame file was when its faces were extracted: size, modification time and an XxHash3 of
/// its bytes. Size and time decide cheaply that a frame is unchanged; only when they differ is the
/// file hashed, so a frame re-extracted identically is not redone but one from a changed video is.
/// </summary>
internal sealed record FrameFingerprint(long Size, long ModifiedTicks, string Hash)
{
    public static FrameFingerprint Of(string path)
    {
        var info = new FileInfo(path);
        return new FrameFingerprint(info.Length, info.LastWriteTimeUtc.Ticks, HashOf(path));
    }

    /// <summary>True when the file at <paramref name="path"/> still has these bytes.</summary>
    public bool Matches(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists) return false;
        if (info.Length == Size && info.LastWriteTimeUtc.Ticks == ModifiedTicks) return true;
        return info.Length == Size && HashOf(path) == Hash;
    }

    internal static string HashOf(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1 << 16);
        var hash = new XxHash3();
        hash.Append(stream);
        return hash.GetCurrentHashAsUInt64().ToString("x16", CultureInfo.InvariantCulture);
    }
}
