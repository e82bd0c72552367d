using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using FaceLab.Common;
using FaceLab.Training.Models;

namespace FaceLab.Training.Sessions;

/// <summary>
/// <c>model.json</c> of a model folder: the model type, its options (under the type's name, in the
/// form the type declares), and what must stay the same across runs (seed, preview faces). Written
/// once when the model is created; later runs reuse it, so options are asked (or given) only the
/// first time. Format 1 (the options as flat fields) still loads.
/// </summary>
public sealed record ModelSpec
{
    /// <summary>The file name in the model folder.</summary>
    public const string FileName = "model.json";
    /// <summary>The format this version writes.</summary>
    public const int CurrentFormat = 2;

    /// <summary>The format the file was written in.</summary>
    public int Format { get; init; } = CurrentFormat;

    /// <summary>The model type's name.</summary>
    public required string ModelType { get; init; }

    /// <summary>The model's name (its folder is NAME_TYPE).</summary>
    public required string Name { get; init; }

    /// <summary>The seed of the initial weights and the sample order.</summary>
    public required int Seed { get; init; }

    /// <summary>The batch size of the first run (later runs may change it).</summary>
    public required int BatchSize { get; init; }

    /// <summary>File names of the fixed preview faces (src, dst), chosen at creation.</summary>
    public required string[] PreviewSource { get; init; }

    /// <summary>File names of the fixed preview faces (dst).</summary>
    public required string[] PreviewDestination { get; init; }

    /// <summary>The model type's options: <c>{ "DF": { "resolution": 128, ... } }</c>.</summary>
    public required JsonObject Options { get; init; }

    /// <summary>The FaceLab version that created the model.</summary>
    public string ToolVersion { get; init; } = Common.ToolVersion.Current;

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
    };

    /// <summary>Keys of format 1, where the autoencoder options stood beside the other fields.</summary>
    private static readonly string[] FlatOptionKeys = ["resolution", "face_type", "encoder_dims", "ae_dims", "inter_dims", "inter_upscale_dims", "decoder_dims"];

    /// <summary>The typed options, validated by <paramref name="definition"/>; <paramref name="source"/> names the file in errors.</summary>
    public ModelOptions OptionsFor(ModelDefinition definition, string source)
    {
        var node = Options.FirstOrDefault(p => string.Equals(p.Key, definition.Name, StringComparison.OrdinalIgnoreCase)).Value
            ?? throw new FaceLabException(source, $"has no options for {definition.Name}", null);
        return definition.ReadOptions(node, source);
    }

    internal static ModelSpec Create(ModelDefinition definition, string name, ModelOptions options, int seed, int batchSize, string[] previewSource, string[] previewDestination) => new()
    {
        ModelType = definition.Name,
        Name = name,
        Seed = seed,
        BatchSize = batchSize,
        PreviewSource = previewSource,
        PreviewDestination = previewDestination,
        Options = new JsonObject { [definition.Name] = definition.WriteOptions(options) },
    };

    /// <summary>This description with <paramref name="options"/> in place of the saved ones (same type).</summary>
    internal ModelSpec WithOptions(ModelDefinition definition, ModelOptions options) =>
        this with { Options = new JsonObject { [definition.Name] = definition.WriteOptions(options) } };

    internal void Save(string folder) =>
        AtomicOutput.WriteAllBytes(Path.Combine(folder, FileName), JsonSerializer.SerializeToUtf8Bytes(this, Json));

    internal static ModelSpec Load(string folder)
    {
        var path = Path.Combine(folder, FileName);
        ModelSpec? spec;
        try
        {
            // A key twice is a damaged file, refused while parsing (JsonObject would throw ArgumentException later).
            var root = JsonNode.Parse(File.ReadAllBytes(path), documentOptions: new JsonDocumentOptions { AllowDuplicateProperties = false })?.AsObject()
                ?? throw new JsonException("not an object");
            var format = root["format"]?.GetValue<int>() ?? 1;
            if (format > CurrentFormat)
                throw new FaceLabException(path, $"model format {format} is newer than this FaceLab reads ({CurrentFormat})", "update FaceLab");
            if (format == 1) Upgrade(root);
            spec = root.Deserialize<ModelSpec>(Json);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            throw new FaceLabException(path, "damaged model description", "restore model.json from a copy, or train under another name", e);
        }
        catch (IOException e)
        {
            throw new FaceLabException(path, $"cannot read the model description ({e.Message})", null, e);
        }
        // JSON null passes "required"; every later use of these fields trusts them.
        if (spec is not { ModelType: not null, Name: not null, Options: not null, PreviewSource: not null, PreviewDestination: not null }
            || spec.PreviewSource.Contains(null) || spec.PreviewDestination.Contains(null))
            throw new FaceLabException(path, "damaged model description", "restore model.json from a copy, or train under another name");
        return spec;
    }

    /// <summary>The model's folder inside <c>model/</c>: DeepFaceLab's <c>&lt;name&gt;_&lt;ModelType&gt;</c>.</summary>
    public static string FolderName(string name, string modelType) => $"{name}_{modelType}";

    private static void Upgrade(JsonObject root)
    {
        var options = new JsonObject();
        foreach (var key in FlatOptionKeys)
            if (root.Remove(key, out var value)) options[key] = value;
        var type = root["model_type"]?.GetValue<string>() ?? throw new JsonException("no model_type");
        root["options"] = new JsonObject { [type] = options };
        root["format"] = CurrentFormat;
    }
}
