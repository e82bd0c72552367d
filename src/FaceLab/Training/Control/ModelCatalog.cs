using System.Globalization;
using FaceLab.Faces.Alignment;
using FaceLab.Training.Models;
using FaceLab.Training.Sessions;

namespace FaceLab.Training.Control;

/// <summary>One declared option of a model type as a form field.</summary>
/// <param name="Key">Its name in <c>model.json</c> (snake case); values are sent back under it.</param>
/// <param name="Kind"><c>int</c>, <c>number</c>, <c>bool</c>, <c>choice</c> or <c>text</c>.</param>
/// <param name="Range">The allowed values in words, as the CLI's prompt shows them.</param>
/// <param name="Min">Smallest allowed number, or null.</param>
/// <param name="Max">Largest allowed number, or null.</param>
/// <param name="Step">Whole numbers must be a multiple of this (1: any).</param>
/// <param name="Choices">The values of a <c>choice</c> field, else null.</param>
public sealed record ModelOptionField(string Key, string Description, string Kind, string Range, double? Min, double? Max, int Step, IReadOnlyList<string>? Choices);

/// <summary>A model type a front end can offer: its name, what it is, and its options as form fields.</summary>
public sealed record ModelTypeInfo(string Name, string Summary, IReadOnlyList<ModelOptionField> Options);

/// <summary>A named option set for a new model.</summary>
public sealed record ModelPresetInfo(string Name, string Description);

/// <summary>A model of a workspace, without loading its weights.</summary>
/// <param name="Folder">Its folder name under <c>model/</c> (<c>NAME_TYPE</c>): how a front end names it.</param>
/// <param name="Options">Its option values as text, by key.</param>
public sealed record ModelEntry(string Folder, string Name, string ModelType, long Iteration, DateTimeOffset? SavedAt, IReadOnlyDictionary<string, string> Options);

/// <summary>
/// What a front end needs to offer training without knowing the model types: the types with their
/// declared options (the studio's form is generated from them), the presets, a preset's values,
/// and the models a workspace already has.
/// </summary>
public static class ModelCatalog
{
    /// <summary>Every model type, in listing order.</summary>
    public static IReadOnlyList<ModelTypeInfo> Types =>
        [.. ModelRegistry.All.Select(d => new ModelTypeInfo(d.Name, d.Summary, [.. d.Schema.Options.Select(FieldOf)]))];

    /// <summary>The presets for a new model.</summary>
    public static IReadOnlyList<ModelPresetInfo> Presets =>
        [.. ModelPresets.Names.Names.Zip(ModelPresets.Names.Items, (name, description) => new ModelPresetInfo(name, description))];

    /// <summary>The option values of a new <paramref name="modelType"/> model with <paramref name="preset"/> (null: its defaults), as text by key.</summary>
    public static IReadOnlyDictionary<string, string> OptionValues(string modelType, string? preset)
    {
        var definition = ModelRegistry.Get(modelType);
        return TextOf(definition, preset is null ? definition.Defaults : definition.Preset(preset));
    }

    /// <summary>The folder name (under <c>model/</c>) of the model <paramref name="name"/> of <paramref name="modelType"/>: <c>NAME_TYPE</c>, the type as registered.</summary>
    public static string FolderName(string name, string modelType) => ModelSpec.FolderName(name, ModelRegistry.Get(modelType).Name);

    /// <summary>The models under <paramref name="modelsRoot"/> (none when it does not exist), by folder name; types this FaceLab does not know are left out.</summary>
    public static IReadOnlyList<ModelEntry> List(string modelsRoot) =>
        [.. ModelFolder.List(modelsRoot).Where(m => m.Definition is not null).Select(EntryOf)];

    private static ModelEntry EntryOf(ModelFolder model) =>
        new(Path.GetFileName(model.Folder), model.Spec.Name, model.Spec.ModelType, model.Iteration, model.SavedAt, TextOf(model.Definition!, model.Options));

    private static Dictionary<string, string> TextOf(ModelDefinition definition, ModelOptions options) =>
        definition.Schema.Options.ToDictionary(o => o.Key, o => Text(o.ValueIn(options)));

    private static string Text(object? value) => value switch
    {
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value?.ToString() ?? "",
    };

    private static ModelOptionField FieldOf(ModelOptionInfo option)
    {
        var declared = option.Declaration;
        var kind = option.ValueType == typeof(int) ? "int"
            : option.ValueType == typeof(double) ? "number"
            : option.ValueType == typeof(bool) ? "bool"
            : option.ValueType == typeof(FaceType) ? "choice"
            : "text";
        return new ModelOptionField(option.Key, option.Description, kind, option.Range,
            double.IsNaN(declared.Min) ? null : declared.Min, double.IsNaN(declared.Max) ? null : declared.Max, Math.Max(1, declared.MultipleOf),
            kind == "choice" ? [.. FaceType.All.Select(f => f.ToString())] : null);
    }
}
