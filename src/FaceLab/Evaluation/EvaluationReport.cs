using System.Text.Json;
using FaceLab.Common;

namespace FaceLab.Evaluation;

/// <summary>
/// What <c>evaluate</c> measured on a merged result (docs/evaluate.md): one JSON object, saved as
/// <see cref="FileName"/> in the model folder so the studio can show it. Distances are face
/// descriptor distances (same person below 0.6); angles in degrees; ratios are swapped / original.
/// </summary>
public sealed record EvaluationReport
{
    /// <summary>Name of the report in the model folder.</summary>
    public const string FileName = "evaluation.json";

    /// <summary>Version of the JSON layout this build writes.</summary>
    public const int CurrentSchemaVersion = 1;

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
    };

    /// <summary>Version of the JSON layout of this report.</summary>
    public int SchemaVersion { get; init; } = CurrentSchemaVersion;

    /// <summary>FaceLab version that measured.</summary>
    public string ToolVersion { get; init; } = Common.ToolVersion.Current;

    /// <summary>When it was measured.</summary>
    public required DateTimeOffset EvaluatedAt { get; init; }

    /// <summary>The model folder's name, or null when no model was given.</summary>
    public string? Model { get; init; }

    /// <summary>The checkpoint iteration the reconstructions ran on (null without a model).</summary>
    public long? Iteration { get; init; }

    /// <summary>Folder of the merged frames measured.</summary>
    public required string MergedFrames { get; init; }

    /// <summary>Folder of the dst frames they were made from.</summary>
    public required string DestinationFrames { get; init; }

    /// <summary>dst frames measured: those with a merged frame and at least one face, or a sample of them.</summary>
    public required int Frames { get; init; }

    /// <summary>dst frames that have a merged frame and at least one face (more than <see cref="Frames"/> when sampled).</summary>
    public int FramesAvailable { get; init; }

    /// <summary>Swapped faces measured.</summary>
    public required int Faces { get; init; }

    /// <summary>Identity of the swapped faces against src and dst.</summary>
    public required IdentityFigures Identity { get; init; }

    /// <summary>Head pose of the swapped faces against the original dst faces (landmarks found again on both frames).</summary>
    public required PoseDifference PoseError { get; init; }

    /// <summary>Mean landmark distance after alignment over the inter-ocular distance; 0 = the expression followed exactly.</summary>
    public required double ExpressionError { get; init; }

    /// <summary>dst → dst reconstructions; null without a model.</summary>
    public ReconstructionFigures? Reconstruction { get; init; }

    /// <summary>Laplacian variance of the swapped faces over the originals'; below 1 the swap is blurrier than its frame.</summary>
    public required double SharpnessRatio { get; init; }

    /// <summary>Frame-to-frame change of the swapped faces over the originals'; above 1 the swap flickers. Null with fewer than two consecutive frames.</summary>
    public double? FlickerRatio { get; init; }

    /// <summary>Seconds the evaluation took.</summary>
    public required double Seconds { get; init; }

    /// <summary>The report as one JSON object (UTF-8).</summary>
    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(this, Json);

    /// <summary>Writes <see cref="FileName"/> into <paramref name="modelFolder"/> (whole or not at all); returns its path.</summary>
    public string Save(string modelFolder)
    {
        var path = Path.Combine(modelFolder, FileName);
        AtomicOutput.WriteAllBytes(path, ToJson());
        return path;
    }

    /// <summary>The report saved in <paramref name="modelFolder"/>, or null when there is none.</summary>
    public static EvaluationReport? Load(string modelFolder)
    {
        var path = Path.Combine(modelFolder, FileName);
        if (!File.Exists(path)) return null;
        try
        {
            return JsonSerializer.Deserialize<EvaluationReport>(File.ReadAllBytes(path), Json) ?? throw new JsonException("empty");
        }
        catch (JsonException e)
        {
            throw new FaceLabException(path, $"is not a readable evaluation ({JsonErrors.Reason(e)})", "run the evaluation again", e);
        }
    }
}

/// <summary>
/// Identity by face descriptors: the swapped faces' mean distance to the src identity (the mean src
/// descriptor) and to the dst identity (the mean descriptor of the original dst faces), the share
/// of swapped faces nearer src than dst (ID retrieval, 1 = every face reads as src), and for scale
/// the original dst faces' distance to the src identity. ID retrieval alone is fooled by a blur:
/// a face too vague to be anyone is often still nearer src than dst, so <paramref name="SourceVerified"/>
/// counts the swapped faces that the recogniser would take for the src person outright (distance to
/// the src identity below <see cref="FaceDescriptor.SamePersonThreshold"/>).
/// </summary>
public sealed record IdentityFigures(
    int SourceFaces, double DistanceToSource, double DistanceToDestination, double IdRetrieval, double OriginalDistanceToSource,
    double SourceVerified);

/// <summary>SSIM (1 = identical) and PSNR (dB, higher is better) of the model's dst → dst reconstructions of <paramref name="Faces"/> dst faces, chosen as <paramref name="Selection"/> says.</summary>
public sealed record ReconstructionFigures(int Faces, string Selection, double Ssim, double Psnr);
