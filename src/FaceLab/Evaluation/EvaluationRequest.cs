using FaceLab.Workspace;

namespace FaceLab.Evaluation;

/// <summary>What to evaluate: merged frames against the dst frames and faces they were made from, the src faces, and optionally the model.</summary>
public sealed record EvaluationRequest
{
    /// <summary>The merged frames, named like the dst frames (any image extension).</summary>
    public required string MergedFrames { get; init; }

    /// <summary>The original dst frames (<c>data_dst/</c>).</summary>
    public required string DestinationFrames { get; init; }

    /// <summary>The dst faces that were replaced (<c>data_dst/aligned/</c>): where each face is, by its landmarks.</summary>
    public required string DestinationAligned { get; init; }

    /// <summary>The src faces (<c>data_src/aligned/</c>): the identity the swap should show.</summary>
    public required string SourceAligned { get; init; }

    /// <summary>The model folder, for the reconstruction figures; null leaves them out.</summary>
    public string? ModelFolder { get; init; }

    /// <summary>How much material to use.</summary>
    public EvaluationOptions Options { get; init; } = EvaluationOptions.Default;

    /// <summary>A workspace's merged frames (<c>data_dst/merged/</c>, or <paramref name="mergedFrames"/>) against its dst and src.</summary>
    public static EvaluationRequest In(WorkspaceLayout layout, string? modelFolder, string? mergedFrames = null) => new()
    {
        MergedFrames = mergedFrames ?? layout.Merged,
        DestinationFrames = layout.DestinationFrames,
        DestinationAligned = layout.DestinationAligned,
        SourceAligned = layout.SourceAligned,
        ModelFolder = modelFolder,
    };
}
