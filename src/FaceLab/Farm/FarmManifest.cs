using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using FaceLab.Common;
using FaceLab.Faces.Files;
using FaceLab.Media;
using FaceLab.Merging;

namespace FaceLab.Farm;

/// <summary>
/// What a farmed job is, fixed before any shard runs (<c>farm/STAGE/manifest.json</c>): every input
/// frame (and, for a merge, every dst face and the model checkpoint) by size and hash, the settings
/// (for a merge including the time its synthetic-media mark names, so every shard and every rerun
/// writes the same bytes), how the frames are cut into shards, and a hash of all of it. A shard
/// checks its own inputs against the manifest and refuses to run when they changed.
/// </summary>
public sealed record FarmManifest
{
    internal static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    /// <summary>The file format version.</summary>
    public int Format { get; init; } = 1;

    /// <summary>The stage's name (<see cref="FarmStages"/>).</summary>
    public required string Stage { get; init; }

    /// <summary>How many shards the frames are cut into.</summary>
    public required int ShardCount { get; init; }

    /// <summary>Frames per shard (the last shard may have fewer).</summary>
    public required int ShardSize { get; init; }

    /// <summary>The input frames in the order the stage reads them.</summary>
    public required IReadOnlyList<InputFile> Frames { get; init; }

    /// <summary>The dst faces a merge places (empty for extraction).</summary>
    public IReadOnlyList<InputFile> Faces { get; init; } = [];

    /// <summary>The model a merge runs, at the checkpoint planned (null for extraction).</summary>
    public ModelCheckpoint? Model { get; init; }

    /// <summary>The merge settings, with the time the frames' mark names (null for extraction).</summary>
    public MergeSession? Merge { get; init; }

    /// <summary>The extraction settings (null for a merge).</summary>
    public ExtractionSettings? Extraction { get; init; }

    /// <summary>SHA-256 of everything above: a marker names it, so markers of another plan do not count.</summary>
    public string Hash { get; init; } = "";

    /// <summary>The stage.</summary>
    [JsonIgnore]
    public FarmStage StageValue => FarmStages.Registry.Get(Stage);

    /// <summary>Shard <paramref name="index"/> of this job.</summary>
    public FrameShard Shard(int index) => new(index, ShardCount);

    /// <summary>Every shard of this job.</summary>
    public IEnumerable<FrameShard> Shards => Enumerable.Range(0, ShardCount).Select(Shard);

    /// <summary>The frames (1-based, inclusive, as users count them) of <paramref name="shard"/>.</summary>
    public FrameRange RangeOf(FrameShard shard)
    {
        var (first, last) = shard.PositionsIn(Frames.Count);
        return new FrameRange(first + 1, last + 1);
    }

    /// <summary>
    /// A plan for <paramref name="frameFiles"/>: <paramref name="shards"/> shards, or as many as
    /// <paramref name="shardSize"/> frames each need (one of the two), with the stage's other inputs and settings.
    /// </summary>
    internal static FarmManifest Create(FarmStage stage, IReadOnlyList<string> frameFiles, int? shards, int? shardSize, Func<FarmManifest, FarmManifest> complete)
    {
        if (frameFiles.Count == 0) throw new FaceLabException(FarmStages.NameOf(stage), "has no frames to work on", "extract the frames first");
        if (shardSize is < 1) throw new FaceLabException($"shard size {shardSize}", "must be at least 1 frame", "give a positive number of frames per shard");
        var count = shards ?? (frameFiles.Count + shardSize!.Value - 1) / shardSize!.Value;
        if (count < 1 || count > frameFiles.Count)
            throw new FaceLabException($"{count} shards", $"do not fit {frameFiles.Count} frames", $"give 1 to {frameFiles.Count} shards");
        var frames = frameFiles.Select(f => InputFile.Of(f, Path.GetFileName(f))).ToList();
        var manifest = complete(new FarmManifest
        {
            Stage = FarmStages.NameOf(stage),
            ShardCount = count,
            ShardSize = FrameShard.SizeFor(frames.Count, count),
            Frames = frames,
        });
        return manifest with { Hash = manifest.ComputeHash() };
    }

    /// <summary>The manifest at <paramref name="path"/>; an error when there is none, it is damaged or it was edited.</summary>
    public static FarmManifest Load(string path)
    {
        if (!File.Exists(path)) throw new FaceLabException(path, "no job manifest", "plan the job first");
        FarmManifest manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<FarmManifest>(File.ReadAllBytes(path), Json) ?? throw new JsonException("empty");
        }
        catch (JsonException e)
        {
            throw new FaceLabException(path, $"damaged job manifest ({e.Message})", "plan the job again", e);
        }
        if (manifest.Frames is null || manifest.Faces is null || manifest.Hash != manifest.ComputeHash())
            throw new FaceLabException(path, "the job manifest was changed by hand", "plan the job again");
        return manifest;
    }

    /// <summary>Saves the manifest atomically.</summary>
    public void Save(string path) => AtomicOutput.WriteAllBytes(path, JsonSerializer.SerializeToUtf8Bytes(this, Json));

    /// <summary>The merge shard's request: its frames, faces and outputs in the workspace, with the planned settings.</summary>
    internal MergeRequest MergeRequestFor(FarmPaths paths, FrameShard shard, int workers) =>
        MergeRequest.In(paths.Layout, Merge ?? throw new InvalidOperationException("not a merge manifest")) with { Shard = shard, Workers = workers };

    /// <summary>
    /// Checks that the inputs <paramref name="shard"/> reads are the planned ones: the frame list, its
    /// own frames' bytes, the face list and its own faces' bytes, the model checkpoint.
    /// </summary>
    internal void VerifyInputs(FarmPaths paths, FrameShard shard, IReadOnlyList<string> frameFiles, string? facesFolder)
    {
        var planned = Frames.Select(f => f.Name);
        if (!frameFiles.Select(f => Path.GetFileName(f)).SequenceEqual(planned, StringComparer.Ordinal))
            throw Changed(paths.Frames, $"holds other frames than the {Frames.Count} planned");
        var (first, last) = shard.PositionsIn(Frames.Count);
        var stems = new HashSet<string>(StringComparer.Ordinal);
        for (var i = first; i <= last; i++)
        {
            if (!Frames[i].Matches(frameFiles[i])) throw Changed(frameFiles[i], "changed");
            stems.Add(Path.GetFileNameWithoutExtension(Frames[i].Name));
        }
        if (facesFolder is not null) VerifyFaces(facesFolder, stems);
        Model?.Verify();
    }

    private void VerifyFaces(string folder, HashSet<string> stems)
    {
        var present = FaceFiles(folder).ToDictionary(f => Path.GetFileName(f), StringComparer.Ordinal);
        if (present.Count != Faces.Count || Faces.Any(f => !present.TryGetValue(f.Name, out var p) || new FileInfo(p).Length != f.Size))
            throw Changed(folder, $"holds other faces than the {Faces.Count} planned");
        foreach (var face in Faces.Where(f => stems.Contains(FrameStemOf(f.Name))))
            if (!face.Matches(present[face.Name])) throw Changed(present[face.Name], "changed");
    }

    /// <summary>The face files of an aligned folder, in name order.</summary>
    internal static IEnumerable<string> FaceFiles(string folder) =>
        Directory.Exists(folder) ? ImageFiles.In(folder, FaceImageFile.Extensions) : [];

    /// <summary>The frame stem a face file is named after (<c>00012_0.jpg</c> → <c>00012</c>).</summary>
    internal static string FrameStemOf(string faceName)
    {
        var stem = Path.GetFileNameWithoutExtension(faceName);
        var underscore = stem.LastIndexOf('_');
        return underscore > 0 && stem[(underscore + 1)..].All(char.IsAsciiDigit) && underscore < stem.Length - 1 ? stem[..underscore] : stem;
    }

    internal static FaceLabException Changed(string subject, string problem) =>
        new(subject, problem + " since the job was planned", "plan the job again, then run its shards");

    private string ComputeHash() =>
        Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(this with { Hash = "" }, Json)));
}

/// <summary>The model checkpoint a merge runs: the model folder, its iteration, the checkpoint folder and the hashes of its files.</summary>
public sealed record ModelCheckpoint(string Folder, long Iteration, string Checkpoint, IReadOnlyList<InputFile> Files)
{
    /// <summary>The name merged frames are journaled under (<c>demo_DF#1346</c>).</summary>
    [JsonIgnore]
    public string Identity => $"{Path.GetFileName(Folder)}#{Iteration}";

    /// <summary>The checkpoint <paramref name="checkpointFolder"/> of the model in <paramref name="modelFolder"/> at <paramref name="iteration"/>.</summary>
    internal static ModelCheckpoint Of(string modelFolder, long iteration, string checkpointFolder) =>
        new(modelFolder, iteration, checkpointFolder, FilesOf(checkpointFolder));

    /// <summary>Refuses a model that saved another checkpoint since the plan (training went on).</summary>
    internal void Verify()
    {
        if (!Directory.Exists(Checkpoint) || !FilesOf(Checkpoint).SequenceEqual(Files))
            throw FarmManifest.Changed(Folder, $"the model's checkpoint at iteration {Iteration} changed");
    }

    private static List<InputFile> FilesOf(string folder) =>
        [.. Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            .Select(f => InputFile.Of(f, Path.GetRelativePath(folder, f)))];
}

/// <summary>The extraction settings a farmed extraction fixes: tools by name and the options that shape the faces.</summary>
public sealed record ExtractionSettings(string Detector, string Landmarker, string FaceType, int Size, string Format, int JpegQuality, int MaxFaces, bool Accurate);
