using System.Text.Json;
using System.Text.Json.Nodes;
using FaceLab.Common;

namespace FaceLab.Training.Models;

/// <summary>
/// The options of a model being created, from what a user gave, in one order: the preset (or the
/// model's defaults), then an options file, then single values; validated once at the end. Used
/// by the CLI's <c>train</c> and the studio's form alike.
/// </summary>
public static class NewModelOptions
{
    /// <param name="optionsFile">A JSON file: the options object itself, or a <c>model.json</c> holding options for this type.</param>
    /// <param name="values">Option keys (JSON or command-line spelling) and their text.</param>
    public static ModelOptions From(ModelDefinition definition, string? preset, string? optionsFile, IEnumerable<KeyValuePair<string, string>> values)
    {
        var options = preset is null ? definition.Defaults : definition.Preset(preset);
        if (optionsFile is not null) options = FromFile(definition, options, optionsFile);
        return definition.Schema.With(options, values, definition.Name);
    }

    private static ModelOptions FromFile(ModelDefinition definition, ModelOptions baseOptions, string path)
    {
        JsonObject root;
        try
        {
            root = JsonNode.Parse(File.ReadAllText(path))?.AsObject() ?? throw new JsonException("empty");
        }
        catch (FileNotFoundException e)
        {
            throw new FaceLabException(path, "file not found", null, e);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            throw new FaceLabException(path, "not a JSON object of model options", $"options of {definition.Name}: {string.Join(", ", definition.Schema.Options.Select(o => o.Key))}", e);
        }
        // A model.json: its options for this type; otherwise the file is the options object.
        var own = root["options"] is JsonObject byType
            ? byType.FirstOrDefault(p => string.Equals(p.Key, definition.Name, StringComparison.OrdinalIgnoreCase)).Value as JsonObject
                ?? throw new FaceLabException(path, $"holds no options for {definition.Name}", null)
            : root;
        // A format-1 model.json keeps its options beside other fields: take only the option keys.
        var flat = own == root && root.ContainsKey("model_type");
        var merged = definition.WriteOptions(baseOptions);
        foreach (var (key, value) in own)
            if (!flat || definition.Schema.Find(key) is not null) merged[key] = value?.DeepClone();
        return definition.ReadOptions(merged, path);
    }
}
