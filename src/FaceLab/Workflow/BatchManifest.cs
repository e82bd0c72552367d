using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using FaceLab.Common;

namespace FaceLab.Workflow;

/// <summary>
/// A queue of src/dst pairs run through the whole workflow, each in a workspace of its own
/// (docs/batch.md): read from a JSON manifest and checked whole before anything runs, with paths
/// relative to the manifest's folder. Every error is one line naming the file and the pair.
/// </summary>
public sealed partial record BatchManifest
{
    internal static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
        AllowTrailingCommas = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        WriteIndented = true,
    };

    /// <summary>The manifest file (full path).</summary>
    public required string File { get; init; }

    /// <summary>The folder holding one workspace per pair (named after the pair), the summary and the cluster's job files.</summary>
    public required string Workspaces { get; init; }

    /// <summary>The pairs in the order they run; a pair's index is its job array task index.</summary>
    public required IReadOnlyList<BatchPair> Pairs { get; init; }

    /// <summary>A hash of every pair's settings: jobs submitted under another one belong to another batch.</summary>
    public string Hash => HashOf(string.Join('\n', Pairs.Select(p => $"{p.Name}\t{p.Settings}")));

    /// <summary>The summary table as markdown, written once every pair finished.</summary>
    public string SummaryMarkdown => Path.Combine(Workspaces, "summary.md");

    /// <summary>The summary as JSON, written with <see cref="SummaryMarkdown"/>.</summary>
    public string SummaryJson => Path.Combine(Workspaces, "summary.json");

    /// <summary>Reads and checks the manifest at <paramref name="path"/>.</summary>
    public static BatchManifest Load(string path)
    {
        path = Path.GetFullPath(path);
        if (!System.IO.File.Exists(path)) throw new FaceLabException(path, "does not exist", "give the path of a batch manifest (JSON)");
        var file = Path.GetExtension(path).ToLowerInvariant() is ".csv" or ".tsv" ? ReadTable(path) : ReadJson(path);
        var folder = Path.GetDirectoryName(path)!;
        if (file.Pairs is not { Count: > 0 }) throw new FaceLabException(path, "lists no pairs", "add a \"pairs\" list of {\"name\", \"src\", \"dst\"}");
        var workspaces = Path.GetFullPath(file.Workspaces ?? Path.GetFileNameWithoutExtension(path) + "-workspaces", folder);
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var pairs = new List<BatchPair>();
        foreach (var (entry, index) in file.Pairs.Select((e, i) => (e, i)))
        {
            var label = string.Create(CultureInfo.InvariantCulture, $"pair {index}") + (entry.Name is { } n ? $" \"{n}\"" : "");
            FaceLabException Error(string problem, string hint) => new(path, $"{label}: {problem}", hint);
            if (string.IsNullOrEmpty(entry.Name)) throw Error("has no name", "give each pair a \"name\"");
            if (!SafeName().IsMatch(entry.Name))
                throw Error("is not a safe folder name", "use letters, digits, '.', '_' and '-' (at most 64, starting with a letter or digit)");
            if (!names.Add(entry.Name)) throw Error("has the name of an earlier pair", "give every pair its own name");
            var videos = new[] { ("src", entry.Src), ("dst", entry.Dst) }.Select(v =>
            {
                if (string.IsNullOrEmpty(v.Item2)) throw Error($"has no {v.Item1}", $"give the {v.Item1} video's path");
                var full = Path.GetFullPath(v.Item2, folder);
                return System.IO.File.Exists(full) ? full : throw Error($"{v.Item1} {full} does not exist", "give the path of a video file, relative to the manifest's folder");
            }).ToList();
            var options = entry.OptionsOver(file, Path.Combine(workspaces, entry.Name), videos[0], videos[1]);
            try
            {
                options.Validate();
            }
            catch (FaceLabException e)
            {
                throw Error(string.IsNullOrEmpty(e.Subject) ? e.Problem : $"{e.Subject}: {e.Problem}", e.Hint ?? "fix the value in the manifest");
            }
            pairs.Add(new BatchPair(index, entry.Name, options, SettingsOf(options)));
        }
        return new BatchManifest { File = path, Workspaces = workspaces, Pairs = pairs };
    }

    private static BatchFile ReadJson(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<BatchFile>(System.IO.File.ReadAllBytes(path), Json) ?? throw new JsonException("empty");
        }
        catch (JsonException e)
        {
            throw new FaceLabException(path, $"is not a batch manifest ({JsonErrors.Reason(e)})", "see docs/batch.md for its format", e);
        }
    }

    /// <summary>A CSV or TSV list of <c>name,src,dst</c> lines (a header line of those words, empty lines and <c>#</c> comments skipped), with the default settings.</summary>
    private static BatchFile ReadTable(string path)
    {
        var separator = Path.GetExtension(path).Equals(".tsv", StringComparison.OrdinalIgnoreCase) ? '\t' : ',';
        var pairs = new List<BatchPairEntry>();
        foreach (var (line, number) in System.IO.File.ReadAllLines(path).Select((l, i) => (l.Trim(), i + 1)))
        {
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var fields = line.Split(separator).Select(f => f.Trim()).ToArray();
            if (fields.Length != 3)
                throw new FaceLabException(path, string.Create(CultureInfo.InvariantCulture, $"line {number} has {fields.Length} fields, not 3"), $"write each pair as name{separator}src{separator}dst");
            if (pairs.Count == 0 && fields.SequenceEqual(["name", "src", "dst"], StringComparer.OrdinalIgnoreCase)) continue;
            pairs.Add(new BatchPairEntry { Name = fields[0], Src = fields[1], Dst = fields[2] });
        }
        return new BatchFile { Pairs = pairs };
    }

    /// <summary>The pair named <paramref name="nameOrIndex"/>, or at that index (from 0).</summary>
    public BatchPair Pair(string nameOrIndex)
    {
        if (Pairs.FirstOrDefault(p => p.Name == nameOrIndex) is { } named) return named;
        if (int.TryParse(nameOrIndex, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < Pairs.Count) return Pairs[index];
        throw new FaceLabException(File, $"has no pair \"{nameOrIndex}\"", $"give a pair's name or its index from 0 to {Pairs.Count - 1}");
    }

    /// <summary>What decides a pair's result: the videos and every setting (a change reruns the pair, its workspace resuming).</summary>
    private static string SettingsOf(SwapWorkflowOptions o)
    {
        var t = o.Training;
        return HashOf(string.Create(CultureInfo.InvariantCulture,
            $"{o.SourceVideo}\n{o.DestinationVideo}\n{o.SourceFps}|{o.SourceFrameBudget}|{o.KeepSourceFaces}|{o.FaceSize}|{o.EvaluationFrames}\n{t.Model}|{t.Preset}|{t.BatchSize}|{t.LearningRate}|{t.Minutes}|{t.TargetIteration}|{t.Seed}"));
    }

    private static string HashOf(string text) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")]
    private static partial Regex SafeName();
}

/// <summary>One pair of a batch: its index (its job array task), its name (its workspace's), the workflow to run and a hash of its settings.</summary>
/// <param name="Index">Its position in the manifest, from 0.</param>
/// <param name="Name">Its name, also its workspace folder's.</param>
/// <param name="Options">The workflow it runs.</param>
/// <param name="Settings">A hash of the videos and settings: a result of other settings does not count.</param>
public sealed record BatchPair(int Index, string Name, SwapWorkflowOptions Options, string Settings)
{
    /// <summary>Its workspace.</summary>
    public string Workspace => Options.Workspace;
}
