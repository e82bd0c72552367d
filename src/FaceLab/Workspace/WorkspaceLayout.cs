namespace FaceLab.Workspace;

/// <summary>
/// DeepFaceLab's workspace folder layout: <c>data_src.*</c> and <c>data_dst.*</c> videos at the
/// root, their frames in <c>data_src/</c> and <c>data_dst/</c>, faces in <c>aligned/</c>, merge
/// output in <c>data_dst/merged/</c>, models in <c>model/</c>.
/// </summary>
public sealed record WorkspaceLayout(string Root)
{
    /// <summary>The workspace at <paramref name="root"/>, or the current folder when null.</summary>
    public static WorkspaceLayout At(string? root) => new(Path.GetFullPath(root ?? Directory.GetCurrentDirectory()));

    /// <summary><c>data_src/</c>: the src frames.</summary>
    public string SourceFrames => Path.Combine(Root, "data_src");
    /// <summary><c>data_src/aligned/</c>: the src faces.</summary>
    public string SourceAligned => Path.Combine(SourceFrames, "aligned");
    /// <summary><c>data_src/aligned_debug/</c>.</summary>
    public string SourceAlignedDebug => Path.Combine(SourceFrames, "aligned_debug");
    /// <summary><c>data_dst/</c>: the dst frames.</summary>
    public string DestinationFrames => Path.Combine(Root, "data_dst");
    /// <summary><c>data_dst/aligned/</c>: the dst faces.</summary>
    public string DestinationAligned => Path.Combine(DestinationFrames, "aligned");
    /// <summary><c>data_dst/aligned_debug/</c>.</summary>
    public string DestinationAlignedDebug => Path.Combine(DestinationFrames, "aligned_debug");
    /// <summary><c>data_dst/merged/</c>: the merged frames.</summary>
    public string Merged => Path.Combine(DestinationFrames, "merged");
    /// <summary><c>data_dst/merged_mask/</c>: the masks of the merged frames.</summary>
    public string MergedMask => Path.Combine(DestinationFrames, "merged_mask");
    /// <summary><c>model/</c>: the model folders.</summary>
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

    /// <summary><c>data_src</c> or <c>data_dst</c>, as DeepFaceLab's scripts name them: that frames folder; anything else is a path.</summary>
    public string FramesFolderNamed(string nameOrPath) => nameOrPath switch
    {
        "data_src" => SourceFrames,
        "data_dst" => DestinationFrames,
        _ => Path.GetFullPath(nameOrPath),
    };

    /// <summary><c>data_src</c> or <c>data_dst</c>: that side's <c>aligned/</c> faces; anything else is a path.</summary>
    public string AlignedFolderNamed(string nameOrPath) => nameOrPath switch
    {
        "data_src" => SourceAligned,
        "data_dst" => DestinationAligned,
        _ => Path.GetFullPath(nameOrPath),
    };

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
