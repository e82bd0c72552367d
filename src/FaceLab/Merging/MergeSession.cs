using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using FaceLab.Common;
using FaceLab.Provenance;

namespace FaceLab.Merging;

/// <summary>
/// The merge settings of a model, kept in its folder (<c>merge.json</c>) so a re-run, the studio and
/// later frames start from them: the options for every frame, per-frame overrides by frame file
/// name, and when the settings were made (the time the synthetic-media mark of the frames names,
/// so merging the same frames again gives the same bytes).
/// </summary>
public sealed record MergeSession
{
    /// <summary>The settings' file name in the model folder.</summary>
    public const string FileName = "merge.json";

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    /// <summary>The file format version.</summary>
    public int Format { get; init; } = 1;

    /// <summary>The merge settings.</summary>
    public required MergeOptions Options { get; init; }

    /// <summary>When the settings were first saved.</summary>
    public required DateTimeOffset Created { get; init; }

    /// <summary>Options for single frames (by frame file name) that differ from <see cref="Options"/>.</summary>
    public Dictionary<string, MergeOptions> Overrides { get; init; } = [];

    /// <summary>New settings, validated.</summary>
    public static MergeSession New(MergeOptions options) => new() { Options = options.Validate(), Created = Now() };

    /// <summary>The options of one frame.</summary>
    public MergeOptions For(string frameName) => Overrides.TryGetValue(frameName, out var options) ? options : Options;

    /// <summary>These settings with other options for every frame; a change gets a new time (the frames will be made again).</summary>
    public MergeSession WithOptions(MergeOptions options) =>
        options == Options ? this : this with { Options = options.Validate(), Created = Now() };

    /// <summary>These settings with <paramref name="options"/> for every frame: the per-frame overrides are dropped.</summary>
    public MergeSession ForAllFrames(MergeOptions options) =>
        WithOptions(options) is var changed && changed.Overrides.Count == 0 ? changed : changed with { Overrides = [], Created = Now() };

    /// <summary>
    /// These settings with <paramref name="options"/> for the frames <paramref name="frameNames"/> only
    /// (an override each, none where they equal the options of every frame); a change gets a new time.
    /// </summary>
    public MergeSession ForFrames(IEnumerable<string> frameNames, MergeOptions options)
    {
        options.Validate();
        var overrides = new Dictionary<string, MergeOptions>(Overrides, StringComparer.Ordinal);
        foreach (var name in frameNames)
        {
            if (options == Options) overrides.Remove(name);
            else overrides[name] = options;
        }
        var same = overrides.Count == Overrides.Count && overrides.All(p => Overrides.TryGetValue(p.Key, out var o) && o == p.Value);
        return same ? this : this with { Overrides = overrides, Created = Now() };
    }

    /// <summary>The mark every frame merged with these settings carries.</summary>
    [JsonIgnore]
    public ProvenanceMark Mark => new("FaceLab", ToolVersion.Current, Created, ProvenanceMark.DefaultStatement);

    /// <summary>A digest of everything that shapes the merged pixels (not the time).</summary>
    public string SettingsHash()
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(new { Options, Overrides = Overrides.OrderBy(p => p.Key, StringComparer.Ordinal).ToList() }, Json);
        return Convert.ToHexString(SHA256.HashData(bytes));
    }

    /// <summary>The settings saved in <paramref name="modelFolder"/>, or null.</summary>
    public static MergeSession? Load(string modelFolder)
    {
        var path = Path.Combine(modelFolder, FileName);
        if (!File.Exists(path)) return null;
        try
        {
            var session = JsonSerializer.Deserialize<MergeSession>(File.ReadAllBytes(path), Json) ?? throw new JsonException("empty");
            // JSON null passes "required": a hand-edited or damaged file must not reach Validate as one.
            if (session.Options is null || session.Overrides is null || session.Overrides.ContainsValue(null!))
                throw new JsonException("options missing");
            session.Options.Validate();
            foreach (var options in session.Overrides.Values) options.Validate();
            return session;
        }
        catch (JsonException e)
        {
            throw new FaceLabException(path, "damaged merge settings", "delete it to start from the defaults", e);
        }
    }

    /// <summary>Saves the settings into <paramref name="modelFolder"/> atomically.</summary>
    public void Save(string modelFolder) =>
        AtomicOutput.WriteAllBytes(Path.Combine(modelFolder, FileName), JsonSerializer.SerializeToUtf8Bytes(this, Json));

    private static DateTimeOffset Now()
    {
        // Whole seconds: the mark's text has no fractions, so a parsed mark equals this one.
        var now = DateTimeOffset.UtcNow;
        return new DateTimeOffset(now.Ticks - now.Ticks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
    }
}
