using System.Text.Json;
using FaceLab.Common;

namespace FaceLab.Workflow;

/// <summary>
/// What a workflow in a workspace has done, in <c>workflow.json</c>: the pair it works on (a
/// workspace holds one pair), whether the src faces were sorted (a sort must not run twice: it
/// would trash another share) and the training time spent over every run.
/// </summary>
public sealed record WorkflowState
{
    /// <summary>Its file name in the workspace.</summary>
    public const string FileName = "workflow.json";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    /// <summary>Full path of the src video.</summary>
    public required string SourceVideo { get; init; }

    /// <summary>Full path of the dst video.</summary>
    public required string DestinationVideo { get; init; }

    /// <summary>Faces kept by the src sort, or null before it ran.</summary>
    public int? SourceFacesKept { get; init; }

    /// <summary>Seconds of training over every run of the workflow.</summary>
    public double TrainedSeconds { get; init; }

    /// <summary>The state in <paramref name="workspace"/>, or null when the workflow never ran there.</summary>
    public static WorkflowState? Load(string workspace)
    {
        var path = Path.Combine(workspace, FileName);
        if (!File.Exists(path)) return null;
        try
        {
            return JsonSerializer.Deserialize<WorkflowState>(File.ReadAllBytes(path), Json)
                ?? throw new FaceLabException(path, "is empty", "delete it to start the workflow over");
        }
        catch (JsonException e)
        {
            throw new FaceLabException(path, $"is not a workflow state ({JsonErrors.Reason(e)})", "delete it to start the workflow over", e);
        }
    }

    /// <summary>Writes the state atomically into <paramref name="workspace"/>.</summary>
    public void Save(string workspace) =>
        AtomicOutput.WriteAllBytes(Path.Combine(workspace, FileName), JsonSerializer.SerializeToUtf8Bytes(this, Json));

    /// <summary>Whether this state belongs to the given pair of videos (compared by full path).</summary>
    public bool Holds(string sourceVideo, string destinationVideo) =>
        SameFile(SourceVideo, sourceVideo) && SameFile(DestinationVideo, destinationVideo);

    private static bool SameFile(string a, string b) =>
        string.Equals(Path.GetFullPath(a), Path.GetFullPath(b), StringComparison.Ordinal);
}
