using FaceLab.Common;
using FaceLab.Workspace;

namespace FaceLab.Farm;

/// <summary>
/// Where a farmed stage keeps its job files in the workspace (<c>farm/STAGE/</c>): the manifest,
/// one marker per finished shard, the engine's scripts, the record of submitted jobs and the logs.
/// The workspace is on storage every node sees, so shards on any node read and write the same files.
/// </summary>
public sealed record FarmPaths(WorkspaceLayout Layout, FarmStage Stage)
{
    /// <summary><c>farm/STAGE/</c>.</summary>
    public string Folder => Path.Combine(Layout.Root, "farm", FarmStages.NameOf(Stage));

    /// <summary>The job manifest (<c>manifest.json</c>).</summary>
    public string Manifest => Path.Combine(Folder, "manifest.json");

    /// <summary>Where finished shards leave their markers.</summary>
    public string Markers => Path.Combine(Folder, "shards");

    /// <summary>The marker of <paramref name="shard"/>.</summary>
    public string MarkerOf(FrameShard shard) => Path.Combine(Markers, shard.Tag + ".json");

    /// <summary>The jobs submitted for this stage, oldest first (<c>jobs.json</c>).</summary>
    public string Jobs => Path.Combine(Folder, "jobs.json");

    /// <summary>The job logs.</summary>
    public string Logs => Path.Combine(Folder, "logs");

    /// <summary>The frames the stage reads.</summary>
    public string Frames => Stage == FarmStage.ExtractSource ? Layout.SourceFrames : Layout.DestinationFrames;

    /// <summary>The folder the stage's shards write their frames into.</summary>
    public string Output => Stage switch
    {
        FarmStage.ExtractSource => Layout.SourceAligned,
        FarmStage.ExtractDestination => Layout.DestinationAligned,
        _ => Layout.Merged,
    };
}
