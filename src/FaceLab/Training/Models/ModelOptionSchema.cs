using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using FaceLab.Common;
using FaceLab.Faces.Alignment;

namespace FaceLab.Training.Models;

/// <summary>One declared option of a model type.</summary>
/// <param name="Key">Its name in <c>model.json</c> (snake case).</param>
/// <param name="ValueType">int, double, bool, string or <see cref="FaceType"/>.</param>
public sealed record ModelOptionInfo(string Key, PropertyInfo Property, Type ValueType, ModelOptionAttribute Declaration)
{
    /// <summary>Its name on the command line (kebab case, without the dashes).</summary>
    public string CliName => Key.Replace('_', '-');

    /// <summary>What the option does, for help and prompts.</summary>
    public string Description => Declaration.Description;

    /// <summary>The allowed values in words: "32..640, multiple of 16", "half, full, ...", "true or false".</summary>
    public string Range
    {
        get
        {
            if (ValueType == typeof(FaceType)) return string.Join(", ", FaceType.All);
            if (ValueType == typeof(bool)) return "true or false";
            var min = double.IsNaN(Declaration.Min) ? "" : Declaration.Min.ToString(CultureInfo.InvariantCulture);
            var max = double.IsNaN(Declaration.Max) ? "" : Declaration.Max.ToString(CultureInfo.InvariantCulture);
            var range = min.Length + max.Length == 0 ? "any" : $"{min}..{max}";
            return Declaration.MultipleOf > 1 ? $"{range}, multiple of {Declaration.MultipleOf}" : range;
        }
    }

    /// <summary>The option's value in <paramref name="options"/>.</summary>
    public object? ValueIn(ModelOptions options) => Property.GetValue(options);

    /// <summary>Text a user typed, as this option's JSON value; a <see cref="FaceLabException"/> when it is not one.</summary>
    public JsonNode Parse(string text)
    {
        var culture = CultureInfo.InvariantCulture;
        if (ValueType == typeof(int) && int.TryParse(text, NumberStyles.Integer, culture, out var i)) return JsonValue.Create(i);
        if (ValueType == typeof(double) && double.TryParse(text, NumberStyles.Float, culture, out var d) && double.IsFinite(d)) return JsonValue.Create(d);
        if (ValueType == typeof(bool) && bool.TryParse(text, out var b)) return JsonValue.Create(b);
        if (ValueType == typeof(FaceType) && FaceType.TryParse(text, out var f)) return JsonValue.Create(f.ToString());
        if (ValueType == typeof(string)) return JsonValue.Create(text);
        throw new FaceLabException($"model option {Key}", $"'{text}' is not a valid value", $"expected {Range}");
    }

    /// <summary>The range problem of <paramref name="options"/>' value, or null when it fits.</summary>
    public string? Check(ModelOptions options)
    {
        var value = ValueIn(options);
        if (value is not (int or double)) return null;
        var number = Convert.ToDouble(value, CultureInfo.InvariantCulture);
        if (!double.IsFinite(number)) return $"{value} is not a finite number";
        var fits = (double.IsNaN(Declaration.Min) || number >= Declaration.Min)
            && (double.IsNaN(Declaration.Max) || number <= Declaration.Max)
            && (Declaration.MultipleOf <= 1 || value is not int whole || whole % Declaration.MultipleOf == 0);
        return fits ? null : string.Create(CultureInfo.InvariantCulture, $"{value} is out of range");
    }
}

/// <summary>
/// The options a model type declares (the <see cref="ModelOptionAttribute"/> properties of its
/// options record), with the one JSON form they are stored in and the one place they are
/// validated. The CLI's <c>train</c> options and the studio's form are generated from it.
/// </summary>
public sealed class ModelOptionSchema
{
    private static readonly Dictionary<Type, ModelOptionSchema> Cache = [];

    /// <summary>The JSON form of options: snake-case keys, face types as text, unknown keys refused.</summary>
    public static JsonSerializerOptions Json { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        Converters = { new FaceTypeJsonConverter(), new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    private ModelOptionSchema(Type optionsType)
    {
        OptionsType = optionsType;
        Options = [.. optionsType.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(p => (Property: p, Declaration: p.GetCustomAttribute<ModelOptionAttribute>(inherit: true)))
            .Where(p => p.Declaration is not null)
            .OrderBy(p => p.Property.DeclaringType == typeof(ModelOptions) ? 0 : 1)
            .Select(p => new ModelOptionInfo(JsonNamingPolicy.SnakeCaseLower.ConvertName(p.Property.Name), p.Property, p.Property.PropertyType, p.Declaration!))];
    }

    /// <summary>The options record the schema describes.</summary>
    public Type OptionsType { get; }

    /// <summary>The declared options in declaration order.</summary>
    public IReadOnlyList<ModelOptionInfo> Options { get; }

    /// <summary>The schema of <paramref name="optionsType"/> (cached).</summary>
    public static ModelOptionSchema Of(Type optionsType)
    {
        if (!typeof(ModelOptions).IsAssignableFrom(optionsType))
            throw new ArgumentException($"{optionsType.Name} does not derive from {nameof(ModelOptions)}", nameof(optionsType));
        lock (Cache)
        {
            if (!Cache.TryGetValue(optionsType, out var schema)) Cache[optionsType] = schema = new ModelOptionSchema(optionsType);
            return schema;
        }
    }

    /// <summary>The option with <paramref name="key"/>, or null.</summary>
    public ModelOptionInfo? Find(string key) =>
        Options.FirstOrDefault(o => string.Equals(o.Key, key, StringComparison.OrdinalIgnoreCase) || string.Equals(o.CliName, key, StringComparison.OrdinalIgnoreCase));

    /// <summary><paramref name="options"/> as JSON with the declared keys.</summary>
    public JsonObject ToJson(ModelOptions options) => JsonSerializer.SerializeToNode(options, OptionsType, Json)!.AsObject();

    /// <summary>Options from their JSON form, validated; <paramref name="source"/> names them in errors.</summary>
    public ModelOptions FromJson(JsonNode json, string source)
    {
        ModelOptions? options;
        try
        {
            options = (ModelOptions?)json.Deserialize(OptionsType, Json);
        }
        catch (JsonException e)
        {
            throw new FaceLabException(source, $"model options are not valid at {e.Path ?? "$"}", "check the option names and values", e);
        }
        catch (FormatException e)
        {
            throw new FaceLabException(source, "a model option has a value of the wrong kind", "check the option values", e);
        }
        if (options is null) throw new FaceLabException(source, "model options are missing", null);
        options.Validate(source);
        return options;
    }

    /// <summary><paramref name="baseOptions"/> with the given values (keys as in JSON or on the command line, values as typed text), validated.</summary>
    public ModelOptions With(ModelOptions baseOptions, IEnumerable<KeyValuePair<string, string>> values, string source)
    {
        var json = ToJson(baseOptions);
        foreach (var (key, text) in values)
        {
            var option = Find(key) ?? throw new FaceLabException($"model option {key}", "is not an option of this model type",
                $"options: {string.Join(", ", Options.Select(o => o.Key))}");
            json[option.Key] = option.Parse(text);
        }
        return FromJson(json, source);
    }
}
