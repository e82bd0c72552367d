using FaceLab.Faces.Extraction;

namespace FaceLab.Farm;

/// <summary>A file a job reads or wrote, by name (relative to its folder), size and XxHash3 of its bytes.</summary>
public sealed record InputFile(string Name, long Size, string Hash)
{
    /// <summary>The file at <paramref name="path"/>, named <paramref name="name"/>.</summary>
    public static InputFile Of(string path, string name) => new(name, new FileInfo(path).Length, FrameFingerprint.HashOf(path));

    /// <summary>True when the file at <paramref name="path"/> still has these bytes.</summary>
    public bool Matches(string path)
    {
        var info = new FileInfo(path);
        return info.Exists && info.Length == Size && FrameFingerprint.HashOf(path) == Hash;
    }
}
