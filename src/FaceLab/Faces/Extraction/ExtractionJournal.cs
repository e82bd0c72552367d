using System.Text.Json;
using FaceLab.Common;

namespace FaceLab.Faces.Extraction;

/// <summary>
/// The record of which frames an extraction finished, kept beside the faces
/// (<c>aligned/.facelab-extract.jsonl</c>): a header line with the options, then one line per
/// finished frame with its face count. Resuming skips the frames listed, so faces the user
/// deleted stay deleted; <c>--fix</c> finds the frames that gave no face. A line cut short by a
/// kill is ignored (that frame is simply done again).
/// </summary>
internal sealed class ExtractionJournal : IDisposable
{
    public const string FileName = ".facelab-extract.jsonl";

    private readonly StreamWriter _writer;
    private readonly Lock _lock = new();

    private ExtractionJournal(StreamWriter writer, Dictionary<string, int> finished)
    {
        _writer = writer;
        Finished = finished;
    }

    /// <summary>Frames finished by earlier runs, with their face counts (the last entry of a frame wins).</summary>
    public IReadOnlyDictionary<string, int> Finished { get; }

    public static string PathIn(string alignedFolder) => Path.Combine(alignedFolder, FileName);

    /// <summary>
    /// Opens the journal of <paramref name="alignedFolder"/>, creating it with
    /// <paramref name="signature"/>; an existing journal must have been written with the same options.
    /// </summary>
    public static ExtractionJournal Open(string alignedFolder, string signature)
    {
        var path = PathIn(alignedFolder);
        var finished = new Dictionary<string, int>(StringComparer.Ordinal);
        var exists = File.Exists(path);
        if (exists)
        {
            var lines = File.ReadAllLines(path);
            var header = lines.Length > 0 ? TryParse(lines[0]) : null;
            var previous = header?.TryGetProperty("options", out var o) == true ? o.GetString() : null;
            if (previous != signature)
                throw new FaceLabException(
                    $"{alignedFolder}: holds faces extracted with other options ({previous ?? "unknown"}); use the same options to resume, or clear the folder");
            foreach (var line in lines.Skip(1))
            {
                if (TryParse(line) is { } entry && entry.TryGetProperty("frame", out var f) && entry.TryGetProperty("faces", out var n))
                    finished[f.GetString()!] = n.GetInt32();
            }
        }
        var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read);
        var writer = new StreamWriter(stream) { AutoFlush = true };
        if (!exists) writer.WriteLine(JsonSerializer.Serialize(new { options = signature }));
        else if (stream.Length > 0 && !EndsWithNewline(path)) writer.WriteLine(); // seal a line cut short by a kill
        return new ExtractionJournal(writer, finished);
    }

    public void RecordFrame(string frameName, int faces)
    {
        var line = JsonSerializer.Serialize(new { frame = frameName, faces });
        lock (_lock) _writer.WriteLine(line);
    }

    public void Dispose() => _writer.Dispose();

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
