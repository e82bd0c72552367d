namespace FaceLab.Common;

/// <summary>
/// The one way FaceLab lists the images of a folder (frames, faces, merged frames): not
/// recursive, hidden and system files skipped (macOS <c>._*</c> copies, our own <c>.partial</c>
/// writes and caches), in <see cref="NaturalOrder"/> of the file names.
/// </summary>
public static class ImageFiles
{
    /// <summary>Every still format accepted as input frames: what OpenCV decodes on all platforms.</summary>
    public static IReadOnlyList<string> StillExtensions { get; } =
        [".png", ".jpg", ".jpeg", ".bmp", ".tif", ".tiff", ".webp", ".ppm", ".pgm"];

    private static readonly EnumerationOptions Visible = new()
    {
        // On Linux and macOS .NET reports names starting with '.' as Hidden.
        AttributesToSkip = FileAttributes.Hidden | FileAttributes.System | FileAttributes.Directory,
        IgnoreInaccessible = true,
        RecurseSubdirectories = false,
    };

    /// <summary>True when the name has one of <paramref name="extensions"/> (case-insensitive) [every still format].</summary>
    public static bool HasImageExtension(string path, IReadOnlyCollection<string>? extensions = null) =>
        (extensions ?? StillExtensions).Contains(Path.GetExtension(path), StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// The visible files of <paramref name="folder"/> with one of <paramref name="extensions"/>
    /// [every still format], in natural name order; empty when the folder does not exist.
    /// </summary>
    public static List<string> In(string folder, IReadOnlyCollection<string>? extensions = null)
    {
        if (!Directory.Exists(folder)) return [];
        var names = Directory.EnumerateFiles(folder, "*", Visible)
            .Where(f => !Path.GetFileName(f).StartsWith('.') && HasImageExtension(f, extensions))
            .ToList();
        names.Sort((a, b) => NaturalOrder.Instance.Compare(Path.GetFileName(a), Path.GetFileName(b)));
        return names;
    }
}
