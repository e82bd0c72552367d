using System.Text.Json;
using System.Text.Json.Serialization;
using FaceLab.Common;
using FaceLab.Evaluation;

namespace FaceLab.Workflow;

/// <summary>How a pair's last run ended.</summary>
public enum BatchPairOutcome
{
    /// <summary>Every step finished.</summary>
    Done,

    /// <summary>A step failed; the error says which.</summary>
    Failed,
}

/// <summary>
/// What a pair's last run left in its workspace (<c>batch-result.json</c>, written whole or not at
/// all): done or failed with its one-line error, the settings it ran with, the model's iteration,
/// the evaluation and how long it took. A rerun with the same settings skips a done pair.
/// </summary>
public sealed record BatchPairResult
{
    /// <summary>Its file name in the pair's workspace.</summary>
    public const string FileName = "batch-result.json";

    internal static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    /// <summary>The pair's name.</summary>
    public required string Pair { get; init; }

    /// <summary>How the run ended.</summary>
    public required BatchPairOutcome Outcome { get; init; }

    /// <summary>The hash of the pair's settings it ran with (<see cref="BatchPair.Settings"/>).</summary>
    public required string Settings { get; init; }

    /// <summary>The error, on one line, when it failed.</summary>
    public string? Error { get; init; }

    /// <summary>The model's iteration the merge used.</summary>
    public long? Iteration { get; init; }

    /// <summary>Frames merged and assembled.</summary>
    public int? Frames { get; init; }

    /// <summary>Faces the swap replaced.</summary>
    public int? FacesReplaced { get; init; }

    /// <summary>Minutes of training over every run of the pair's workflow.</summary>
    public double? TrainedMinutes { get; init; }

    /// <summary>Seconds the run took (the run that ended it; earlier interrupted runs not counted).</summary>
    public required double Seconds { get; init; }

    /// <summary>The assembled video.</summary>
    public string? ResultVideo { get; init; }

    /// <summary>How good the swap is.</summary>
    public EvaluationReport? Evaluation { get; init; }

    /// <summary>When the run ended.</summary>
    public required DateTimeOffset FinishedAt { get; init; }

    /// <summary>The result in <paramref name="workspace"/>, or null when there is none or it cannot be read (the pair runs again).</summary>
    public static BatchPairResult? Load(string workspace)
    {
        var path = Path.Combine(workspace, FileName);
        if (!File.Exists(path)) return null;
        try
        {
            return JsonSerializer.Deserialize<BatchPairResult>(File.ReadAllBytes(path), Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Writes the result atomically into <paramref name="workspace"/> (created when missing).</summary>
    public void Save(string workspace)
    {
        Directory.CreateDirectory(workspace);
        AtomicOutput.WriteAllBytes(Path.Combine(workspace, FileName), JsonSerializer.SerializeToUtf8Bytes(this, Json));
    }
}
