using System.Text.Json;
using FaceLab.Common;

namespace FaceLab.Farm;

/// <summary>
/// What a finished shard leaves (<c>farm/STAGE/shards/shard-I-of-N.json</c>): the manifest it ran
/// against, its frames (1-based, inclusive) and the hash of every file it wrote. It holds no time,
/// so a shard run twice leaves the same marker, as it leaves the same outputs.
/// </summary>
public sealed record ShardMarker(string Stage, string Manifest, int Shard, int Shards, int FirstFrame, int LastFrame, SortedDictionary<string, string> Outputs)
{
    /// <summary>The marker at <paramref name="path"/>, or null when there is none or it is unreadable (a shard that did not finish).</summary>
    public static ShardMarker? Load(string path)
    {
        if (!File.Exists(path)) return null;
        try
        {
            var marker = JsonSerializer.Deserialize<ShardMarker>(File.ReadAllBytes(path), FarmManifest.Json);
            return marker?.Outputs is null ? null : marker;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>True when this marker is shard <paramref name="shard"/>'s of <paramref name="manifest"/>'s plan.</summary>
    public bool BelongsTo(FarmManifest manifest, FrameShard shard) =>
        Manifest == manifest.Hash && Stage == manifest.Stage && Shard == shard.Index && Shards == shard.Count;

    /// <summary>The outputs this marker names that are missing from <paramref name="root"/> (the stage's parent folder).</summary>
    public IEnumerable<string> MissingOutputs(string root) => Outputs.Keys.Where(name => !File.Exists(Path.Combine(root, name)));

    /// <summary>Saves the marker atomically.</summary>
    public void Save(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        AtomicOutput.WriteAllBytes(path, JsonSerializer.SerializeToUtf8Bytes(this, FarmManifest.Json));
    }
}
