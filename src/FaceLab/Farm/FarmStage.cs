using FaceLab.Common;

namespace FaceLab.Farm;

/// <summary>A step of the workflow that runs as shards over its frames.</summary>
public enum FarmStage
{
    /// <summary>Faces of the src frames (<c>data_src/</c> into <c>data_src/aligned/</c>).</summary>
    ExtractSource,

    /// <summary>Faces of the dst frames (<c>data_dst/</c> into <c>data_dst/aligned/</c>).</summary>
    ExtractDestination,

    /// <summary>The merge of the dst frames (<c>data_dst/merged/</c>), then the video assembled from them.</summary>
    Merge,
}

/// <summary>The names stages go by in commands, file names and job names.</summary>
public static class FarmStages
{
    /// <summary>Stages by name.</summary>
    public static Registry<FarmStage> Registry { get; } = new("farm stage",
    [
        ("extract-src", FarmStage.ExtractSource),
        ("extract-dst", FarmStage.ExtractDestination),
        ("merge", FarmStage.Merge),
    ]);

    /// <summary>The name of <paramref name="stage"/>.</summary>
    public static string NameOf(FarmStage stage) => Registry.Names[Registry.Items.ToList().IndexOf(stage)];
}
