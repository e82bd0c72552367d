using System.CommandLine;
using FaceLab.Common;
using FaceLab.Training.Models;

namespace FaceLab.Cli.Commands;

/// <summary>
/// One command-line option per option any model type declares (<c>--encoder-dims</c>...), generated
/// from the declarations, so a new model type brings its options to <c>train</c> without CLI code.
/// </summary>
internal sealed class ModelOptionFlags
{
    private readonly Dictionary<string, Option<string?>> _byKey;

    private ModelOptionFlags(Dictionary<string, Option<string?>> byKey) => _byKey = byKey;

    public IEnumerable<Option> Options => _byKey.Values;

    public static ModelOptionFlags Create()
    {
        var byKey = new Dictionary<string, Option<string?>>(StringComparer.Ordinal);
        var declared = ModelRegistry.All.SelectMany(m => m.Schema.Options.Select(o => (Model: m.Name, Option: o)))
            .GroupBy(p => p.Option.Key);
        foreach (var group in declared)
        {
            var first = group.First().Option;
            var models = group.Select(p => p.Model).ToList();
            var scope = models.Count == ModelRegistry.All.Count ? "" : $"; models {string.Join(", ", models)}";
            byKey[group.Key] = new Option<string?>("--" + first.CliName)
            {
                Description = $"New model: {first.Description} ({first.Range}{scope})",
                HelpName = first.CliName.Replace('-', '_'),
            };
        }
        return new ModelOptionFlags(byKey);
    }

    /// <summary>The model options given on the command line, checked against what <paramref name="model"/> declares.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Given(ParseResult result, ModelDefinition model)
    {
        var given = new List<KeyValuePair<string, string>>();
        foreach (var (key, option) in _byKey)
        {
            if (result.GetValue(option) is not { } text) continue;
            if (model.Schema.Find(key) is null)
                throw new FaceLabException(option.Name, $"is not an option of {model.Name}", $"its options: {string.Join(", ", model.Schema.Options.Select(o => "--" + o.CliName))}");
            given.Add(new(key, text));
        }
        return given;
    }
}
