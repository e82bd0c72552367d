using FaceLab.Common;
using FaceLab.Media;
using FaceLab.Workspace;

namespace FaceLab.Merging;

/// <summary>What to merge and where: the dst frames and faces, the output folders, the settings, which frames, how many at once.</summary>
public sealed record MergeRequest
{
    /// <summary>The dst frames (<c>data_dst/</c>).</summary>
    public required string Frames { get; init; }

    /// <summary>The dst faces to replace (<c>data_dst/aligned/</c>).</summary>
    public required string Aligned { get; init; }

    /// <summary>Merged frames, named like the dst frames (<c>data_dst/merged/</c>).</summary>
    public required string Output { get; init; }

    /// <summary>The blend mask of every merged frame (<c>data_dst/merged_mask/</c>).</summary>
    public required string MaskOutput { get; init; }

    /// <summary>Where the per-frame debug pictures go (<c>data_dst/merged_debug/</c>); null for none.</summary>
    public string? DebugOutput { get; init; }

    /// <summary>The model's merge settings.</summary>
    public required MergeSession Session { get; init; }

    /// <summary>The frames to merge.</summary>
    public FrameRange Range { get; init; } = FrameRange.All;

    /// <summary>
    /// The part of the frames this run merges when several processes share the output folders (a job
    /// array); null for a run over <see cref="Range"/>. A shard keeps its own lock and journal, so
    /// shards run at once, and leaves other writers' temporary files alone (they may live on other machines).
    /// </summary>
    public FrameShard? Shard { get; init; }

    /// <summary>Frames merged at once (default: one per core).</summary>
    public int Workers { get; init; } = Environment.ProcessorCount;

    /// <summary>The workspace's dst frames and faces into <c>data_dst/merged/</c>, <c>merged_mask/</c> and, with <paramref name="debug"/>, <c>merged_debug/</c>.</summary>
    public static MergeRequest In(WorkspaceLayout layout, MergeSession session, bool debug = false) => new()
    {
        Frames = layout.DestinationFrames,
        Aligned = layout.DestinationAligned,
        Output = layout.Merged,
        MaskOutput = layout.MergedMask,
        DebugOutput = debug ? Path.Combine(layout.DestinationFrames, "merged_debug") : null,
        Session = session,
    };
}

/// <summary>What a merge did: frames in range, merged now, kept from an earlier run, faces replaced, and the time spent in the model.</summary>
public sealed record MergeReport(int Frames, int Merged, int Kept, int FacesReplaced, TimeSpan InferenceTime);
