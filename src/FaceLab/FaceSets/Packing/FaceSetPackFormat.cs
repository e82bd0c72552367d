using System.Buffers.Binary;
using System.Text.Json;
using FaceLab.Common;
using FaceLab.FaceSets.Features;
using FaceLab.Faces.Files;
using FaceLab.FaceSets;

namespace FaceLab.FaceSets.Packing;

/// <summary>
/// The pack file layout (version 1.0), little endian:
/// <list type="bullet">
/// <item>header, 32 bytes: magic <c>"FLFSPAK\0"</c>, uint16 major version, uint16 minor version,
/// uint32 face count, uint64 index offset, uint64 index length;</item>
/// <item>the face files' bytes, one after another, unchanged;</item>
/// <item>the index, UTF-8 JSON at the end: <c>{"faces": [{"name", "offset", "length", "xxh64",
/// "width", "height", "metadata": {the face's metadata JSON, docs/face-metadata.md}}...],
/// "skipped": [{"name", "reason"}...]}</c>.</item>
/// </list>
/// Readers refuse other major versions and accept newer minor versions (unknown fields are
/// ignored). The index is written last and the header points at it, so only a complete pack is
/// valid (and it is written under a temporary name anyway).
/// </summary>
internal static class FaceSetPackFormat
{
    public const int HeaderLength = 32;
    public const ushort MajorVersion = 1;
    public const ushort MinorVersion = 0;
    public const long MaxIndexBytes = 1L << 30;
    public const int MaxFaces = 10_000_000;

    /// <summary>Largest face side a pack may declare: far above any training resolution, small enough to decode safely.</summary>
    public const int MaxFaceSide = 8192;

    /// <summary>Fewest index bytes one face can take (its 68 landmarks alone need more), to bound the count before parsing.</summary>
    public const int MinIndexBytesPerFace = 256;
    public static ReadOnlySpan<byte> Magic => "FLFSPAK\0"u8;

    public readonly record struct Header(ushort Major, ushort Minor, uint Count, long IndexOffset, long IndexLength);

    public static void WriteHeader(Span<byte> buffer, Header h)
    {
        Magic.CopyTo(buffer);
        BinaryPrimitives.WriteUInt16LittleEndian(buffer[8..], h.Major);
        BinaryPrimitives.WriteUInt16LittleEndian(buffer[10..], h.Minor);
        BinaryPrimitives.WriteUInt32LittleEndian(buffer[12..], h.Count);
        BinaryPrimitives.WriteInt64LittleEndian(buffer[16..], h.IndexOffset);
        BinaryPrimitives.WriteInt64LittleEndian(buffer[24..], h.IndexLength);
    }

    /// <summary>The header, or null when the bytes do not start with the magic.</summary>
    public static Header? ReadHeader(ReadOnlySpan<byte> buffer) =>
        buffer.Length < HeaderLength || !buffer[..8].SequenceEqual(Magic)
            ? null
            : new Header(
                BinaryPrimitives.ReadUInt16LittleEndian(buffer[8..]),
                BinaryPrimitives.ReadUInt16LittleEndian(buffer[10..]),
                BinaryPrimitives.ReadUInt32LittleEndian(buffer[12..]),
                BinaryPrimitives.ReadInt64LittleEndian(buffer[16..]),
                BinaryPrimitives.ReadInt64LittleEndian(buffer[24..]));

    public static byte[] WriteIndex(IReadOnlyList<FaceSetPackEntry> entries, IReadOnlyList<SkippedFace> skipped)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartArray("faces");
            foreach (var e in entries)
            {
                json.WriteStartObject();
                json.WriteString("name", e.Name);
                json.WriteNumber("offset", e.Offset);
                json.WriteNumber("length", e.Length);
                json.WriteNumber("xxh64", e.Xxh64);
                json.WriteNumber("width", e.Width);
                json.WriteNumber("height", e.Height);
                json.WritePropertyName("metadata");
                json.WriteRawValue(FaceMetadataJson.Serialize(e.Metadata, e.Name), skipInputValidation: true);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteStartArray("skipped");
            foreach (var s in skipped)
            {
                json.WriteStartObject();
                json.WriteString("name", s.Name);
                json.WriteString("reason", s.Reason);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }

    /// <summary>
    /// Parses and checks the index: names safe and unique, every face inside the data part (without
    /// overflow), a plausible pixel size, as many faces as the header says, metadata valid.
    /// </summary>
    public static (List<FaceSetPackEntry> Faces, List<SkippedFace> Skipped) ReadIndex(byte[] index, Header header, string path)
    {
        if (header.Count > index.LongLength / MinIndexBytesPerFace || header.Count > header.IndexOffset - HeaderLength)
            throw new FaceLabException(path, $"damaged face pack (header claims {header.Count} faces, more than the file can hold)", null);
        try
        {
            using var doc = JsonDocument.Parse(index, new JsonDocumentOptions { MaxDepth = 16 });
            var root = doc.RootElement;
            var faces = new List<FaceSetPackEntry>();
            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (var f in root.GetProperty("faces").EnumerateArray())
            {
                if (faces.Count == header.Count)
                    throw new FaceLabException(path, $"damaged face pack (index lists more faces than the header's {header.Count})", null);
                var name = f.GetProperty("name").GetString();
                if (!IsSafeName(name) || !names.Add(name!))
                    throw new FaceLabException(path, $"damaged face pack index (bad or repeated name {name})", null);
                faces.Add(ReadEntry(f, name!, header, path));
            }
            var skipped = root.TryGetProperty("skipped", out var s)
                ? s.EnumerateArray().Select(x => new SkippedFace(x.GetProperty("name").GetString() ?? "", x.GetProperty("reason").GetString() ?? "")).ToList()
                : [];
            if (faces.Count != header.Count)
                throw new FaceLabException(path, $"damaged face pack (index lists {faces.Count} faces, header {header.Count})", null);
            return (faces, skipped);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new FaceLabException(path, $"damaged face pack index ({JsonErrors.Reason(e)})", null, e);
        }
    }

    private static FaceSetPackEntry ReadEntry(JsonElement f, string name, Header header, string path)
    {
        var offset = f.GetProperty("offset").GetInt64();
        var length = f.GetProperty("length").GetInt64();
        // Subtracting keeps the test free of overflow: IndexOffset ≥ HeaderLength and length ≤ int.MaxValue here.
        if (offset < HeaderLength || length is <= 0 or > int.MaxValue || offset > header.IndexOffset - length)
            throw new FaceLabException(path, $"damaged face pack index ({name} lies outside the data: offset {offset}, length {length})", null);
        var width = f.GetProperty("width").GetInt32();
        var height = f.GetProperty("height").GetInt32();
        if (width is < 1 or > MaxFaceSide || height is < 1 or > MaxFaceSide)
            throw new FaceLabException(path, $"damaged face pack index ({name} has an impossible size {width}x{height}; at most {MaxFaceSide} a side)", null);
        var metadata = FaceMetadataJson.Deserialize(System.Text.Encoding.UTF8.GetBytes(f.GetProperty("metadata").GetRawText()), $"{path}:{name}");
        return new FaceSetPackEntry(name, offset, length, f.GetProperty("xxh64").GetUInt64(), width, height, metadata);
    }

    /// <summary>A name a pack may hold: a plain visible face file name (unpacking writes it into a folder).</summary>
    public static bool IsSafeName(string? name) =>
        !string.IsNullOrEmpty(name) && name.Length <= 255 && name == Path.GetFileName(name) && !name.StartsWith('.')
        && name.IndexOfAny(['/', '\\', '\0', ':']) < 0 && FaceImageFile.IsFaceImagePath(name);
}
