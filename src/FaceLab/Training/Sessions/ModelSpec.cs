using System.Text.Json;
using System.Text.Json.Serialization;
using FaceLab.Common;
using FaceLab.Faces.Alignment;
using FaceLab.Training.Models;

namespace FaceLab.Training.Sessions;

/// <summary>
/// <c>model.json</c> of a model folder: the model type and options that fix its architecture, plus
/// what must stay the same across runs (seed, preview faces). Written once when the model is
/// created; later runs reuse it, so options are asked (or given) only the first time.
/// </summary>
public sealed record ModelSpec
{
    public const string FileName = "model.json";
    public const int CurrentFormat = 1;

    public int Format { get; init; } = CurrentFormat;

    public required string ModelType { get; init; }

    public required string Name { get; init; }

    public required int Resolution { get; init; }

    public required string FaceType { get; init; }

    public required int EncoderDims { get; init; }

    public required int AeDims { get; init; }

    public required int InterDims { get; init; }

    public required int InterUpscaleDims { get; init; }

    public required int DecoderDims { get; init; }

    public required int Seed { get; init; }

    public required int BatchSize { get; init; }

    /// <summary>File names of the fixed preview faces (src, dst), chosen at creation.</summary>
    public required string[] PreviewSource { get; init; }

    public required string[] PreviewDestination { get; init; }

    public string ToolVersion { get; init; } = Provenance.ProvenanceMark.ToolVersion;

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
    };

    public AutoencoderOptions Options => new()
    {
        Resolution = Resolution,
        FaceType = Faces.Alignment.FaceType.Parse(FaceType),
        EncoderDims = EncoderDims,
        AeDims = AeDims,
        InterDims = InterDims,
        InterUpscaleDims = InterUpscaleDims,
        DecoderDims = DecoderDims,
    };

    public static ModelSpec Create(string modelType, string name, AutoencoderOptions options, int seed, int batchSize, string[] previewSource, string[] previewDestination) => new()
    {
        ModelType = modelType,
        Name = name,
        Resolution = options.Resolution,
        FaceType = options.FaceType.ToString(),
        EncoderDims = options.EncoderDims,
        AeDims = options.AeDims,
        InterDims = options.InterDims,
        InterUpscaleDims = options.InterUpscaleDims,
        DecoderDims = options.DecoderDims,
        Seed = seed,
        BatchSize = batchSize,
        PreviewSource = previewSource,
        PreviewDestination = previewDestination,
    };

    public void Save(string folder) =>
        AtomicOutput.WriteAllBytes(Path.Combine(folder, FileName), JsonSerializer.SerializeToUtf8Bytes(this, Json));

    public static ModelSpec Load(string folder)
    {
        var path = Path.Combine(folder, FileName);
        ModelSpec? spec;
        try
        {
            spec = JsonSerializer.Deserialize<ModelSpec>(File.ReadAllBytes(path), Json);
        }
        catch (Exception e) when (e is JsonException or IOException)
        {
            throw new FaceLabException($"{path}: damaged model description ({e.Message.Split('.')[0]})", e);
        }
        if (spec is null || spec.Format > CurrentFormat)
            throw new FaceLabException($"{path}: model format {spec?.Format} is newer than this FaceLab reads ({CurrentFormat})");
        if (!Faces.Alignment.FaceType.TryParse(spec.FaceType, out _))
            throw new FaceLabException($"{path}: unknown face type '{spec.FaceType}'");
        return spec;
    }

    /// <summary>The model's folder inside <c>model/</c>: DeepFaceLab's <c>&lt;name&gt;_&lt;ModelType&gt;</c>.</summary>
    public static string FolderName(string name, string modelType) => $"{name}_{modelType}";
}
