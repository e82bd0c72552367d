using System.Text.Json;
using FaceLab.Common;

namespace FaceLab.Faces.Extraction;

/// <summary>
/// The record of which frames an extraction finished, kept beside the faces
/// (<c>aligned/.facelab-extract.jsonl</c>): a header line with the options, then one line per
/// finished frame with its face count and <see cref="FrameFingerprint"/>. Resuming skips the frames
/// listed, so faces the user deleted stay deleted, but redoes a frame whose file changed since (the
/// video was extracted again); <c>--fix</c> finds the frames that gave no face. A line cut short by
/// a kill, or one that is not a frame entry, is ignored (that frame is simply done again).
/// </summary>
internal sealed class ExtractionJournal : IDisposable
{
    public const string FileName = ".facelab-extract.jsonl";

    private readonly StreamWriter _writer;
    private readonly Lock _lock = new();

    private ExtractionJournal(StreamWriter writer, Dictionary<string, int> finished, Dictionary<string, int> changed)
    {
        _writer = writer;
        Finished = finished;
        Changed = changed;
    }

    /// <summary>Frames finished by earlier runs and unchanged since, with their face counts (the last entry of a frame wins).</summary>
    public IReadOnlyDictionary<string, int> Finished { get; }

    /// <summary>Frames finished by earlier runs whose file has changed since, with the face counts recorded then: those faces are stale.</summary>
    public IReadOnlyDictionary<string, int> Changed { get; }

    public static string PathIn(string alignedFolder) => Path.Combine(alignedFolder, FileName);

    /// <summary>
    /// Opens the journal of <paramref name="alignedFolder"/>, creating it with
    /// <paramref name="signature"/>; an existing journal must have been written with the same options.
    /// Entries are checked against the frames in <paramref name="framesFolder"/>.
    /// </summary>
    public static ExtractionJournal Open(string alignedFolder, string framesFolder, string signature)
    {
        var path = PathIn(alignedFolder);
        var finished = new Dictionary<string, int>(StringComparer.Ordinal);
        var changed = new Dictionary<string, int>(StringComparer.Ordinal);
        var exists = File.Exists(path);
        if (exists)
        {
            var lines = File.ReadAllLines(path);
            var previous = lines.Length > 0 ? SignatureIn(lines[0]) : null;
            if (previous != signature)
                throw new FaceLabException(alignedFolder, $"holds faces extracted with other options ({previous ?? "unknown"})",
                    "use the same options to resume, or clear the folder");
            var entries = new Dictionary<string, (int Faces, FrameFingerprint? Fingerprint)>(StringComparer.Ordinal);
            foreach (var line in lines.Skip(1))
                if (TryParse(line) is { } entry && ReadEntry(entry) is { } e)
                    entries[e.Frame] = (e.Faces, e.Fingerprint);
            foreach (var (frame, (faces, fingerprint)) in entries)
            {
                // Entries from before fingerprints were recorded are trusted as they are, and so are
                // frames deleted since (to save space once their faces are out): their faces stay.
                var file = Path.Combine(framesFolder, frame);
                if (fingerprint is null || !File.Exists(file) || fingerprint.Matches(file)) finished[frame] = faces;
                else changed[frame] = faces;
            }
        }
        var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read);
        var writer = new StreamWriter(stream) { AutoFlush = true };
        if (!exists) writer.WriteLine(JsonSerializer.Serialize(new { options = signature }));
        else if (stream.Length > 0 && !EndsWithNewline(path)) writer.WriteLine(); // seal a line cut short by a kill
        return new ExtractionJournal(writer, finished, changed);
    }

    /// <summary>
    /// Writes the journal of <paramref name="alignedFolder"/> (replacing any) as the union of the
    /// journals in <paramref name="shardFolders"/>, written by shards of one extraction at once: later
    /// runs over the folder then resume, fix and refuse as after one process's extraction.
    /// </summary>
    public static void Join(string alignedFolder, IReadOnlyList<string> shardFolders, string signature)
    {
        var text = new System.Text.StringBuilder(JsonSerializer.Serialize(new { options = signature })).Append('\n');
        foreach (var folder in shardFolders)
        {
            var path = PathIn(folder);
            if (!File.Exists(path)) continue;
            foreach (var line in File.ReadLines(path).Skip(1))
                if (TryParse(line) is { } entry && ReadEntry(entry) is not null) text.Append(line).Append('\n');
        }
        AtomicOutput.WriteAllBytes(PathIn(alignedFolder), System.Text.Encoding.UTF8.GetBytes(text.ToString()));
    }

    /// <summary>The options signature an earlier run of <paramref name="alignedFolder"/> recorded, or null when there is no journal.</summary>
    public static string? ReadSignature(string alignedFolder)
    {
        var path = PathIn(alignedFolder);
        if (!File.Exists(path)) return null;
        using var reader = new StreamReader(path);
        return reader.ReadLine() is { } header ? SignatureIn(header) : null;
    }

    private static string? SignatureIn(string header) =>
        TryParse(header) is { ValueKind: JsonValueKind.Object } h && h.TryGetProperty("options", out var o) && o.ValueKind == JsonValueKind.String
            ? o.GetString()
            : null;

    public void RecordFrame(string frameName, int faces, FrameFingerprint fingerprint)
    {
        var line = JsonSerializer.Serialize(new { frame = frameName, faces, size = fingerprint.Size, mtime = fingerprint.ModifiedTicks, xxh3 = fingerprint.Hash });
        lock (_lock) _writer.WriteLine(line);
    }

    public void Dispose() => _writer.Dispose();

    /// <summary>A frame entry, or null when the line is something else (wrong types, a plain name that is not one).</summary>
    private static (string Frame, int Faces, FrameFingerprint? Fingerprint)? ReadEntry(JsonElement entry)
    {
        if (entry.ValueKind != JsonValueKind.Object
            || !entry.TryGetProperty("frame", out var f) || f.ValueKind != JsonValueKind.String
            || !entry.TryGetProperty("faces", out var n) || n.ValueKind != JsonValueKind.Number || !n.TryGetInt32(out var faces) || faces < 0)
            return null;
        var frame = f.GetString()!;
        if (frame.Length == 0 || frame != Path.GetFileName(frame)) return null;
        if (!entry.TryGetProperty("xxh3", out var hash)) return (frame, faces, null);
        // A damaged fingerprint cannot vouch for the frame: it is done again.
        if (hash.ValueKind != JsonValueKind.String
            || !entry.TryGetProperty("size", out var size) || size.ValueKind != JsonValueKind.Number || !size.TryGetInt64(out var bytes)
            || !entry.TryGetProperty("mtime", out var mtime) || mtime.ValueKind != JsonValueKind.Number || !mtime.TryGetInt64(out var ticks))
            return null;
        return (frame, faces, new FrameFingerprint(bytes, ticks, hash.GetString()!));
    }

    private static JsonElement? TryParse(string line)
    {
        try
        {
            using var doc = JsonDocument.Parse(line);
            return doc.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static bool EndsWithNewline(string path)
    {
        using var s = File.OpenRead(path);
        if (s.Length == 0) return true;
        s.Seek(-1, SeekOrigin.End);
        return s.ReadByte() == '\n';
    }
}
