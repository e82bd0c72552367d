namespace FaceLab.Workspace;

/// <summary>
/// DeepFaceLab's workspace folder layout: <c>data_src.*</c> and <c>data_dst.*</c> videos at the
/// root, their frames in <c>data_src/</c> and <c>data_dst/</c>, faces in <c>aligned/</c>, merge
/// output in <c>data_dst/merged/</c>, models in <c>model/</c>.
/// </summary>
public sealed record WorkspaceLayout(string Root)
{
    public static WorkspaceLayout At(string? root) => new(Path.GetFullPath(root ?? Directory.GetCurrentDirectory()));

    public string SourceFrames => Path.Combine(Root, "data_src");
    public string SourceAligned => Path.Combine(SourceFrames, "aligned");
    public string SourceAlignedDebug => Path.Combine(SourceFrames, "aligned_debug");
    public string DestinationFrames => Path.Combine(Root, "data_dst");
    public string DestinationAligned => Path.Combine(DestinationFrames, "aligned");
    public string DestinationAlignedDebug => Path.Combine(DestinationFrames, "aligned_debug");
    public string Merged => Path.Combine(DestinationFrames, "merged");
    public string MergedMask => Path.Combine(DestinationFrames, "merged_mask");
    public string Models => Path.Combine(Root, "model");

    /// <summary>Every folder <c>workspace init</c> creates.</summary>
    public IReadOnlyList<string> Folders =>
    [
        SourceFrames, SourceAligned, SourceAlignedDebug,
        DestinationFrames, DestinationAligned, DestinationAlignedDebug, Merged, MergedMask,
        Models,
    ];

    /// <summary>The first <c>data_src.*</c> video at the root, or null.</summary>
    public string? SourceVideo => FindVideo("data_src");

    /// <summary>The first <c>data_dst.*</c> video at the root, or null.</summary>
    public string? DestinationVideo => FindVideo("data_dst");

    /// <summary>Where frames of <paramref name="video"/> go by DeepFaceLab's naming, or null if its name says neither.</summary>
    public string? FramesFolderFor(string video)
    {
        var stem = Path.GetFileNameWithoutExtension(video);
        if (stem.Equals("data_src", StringComparison.OrdinalIgnoreCase)) return SourceFrames;
        if (stem.Equals("data_dst", StringComparison.OrdinalIgnoreCase)) return DestinationFrames;
        return null;
    }

    private string? FindVideo(string stem) =>
        Directory.Exists(Root)
            ? Directory.EnumerateFiles(Root, stem + ".*")
                .Where(f => !Path.GetFileName(f).StartsWith('.'))
                .OrderBy(f => f, StringComparer.Ordinal)
                .FirstOrDefault()
            : null;
}
