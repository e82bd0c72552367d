using System.Buffers.Binary;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace FaceLab.FaceSets.Packing;

/// <summary>One face in a pack: its file name, where its bytes are, and their XxHash64.</summary>
public sealed record FaceSetPackEntry(string Name, long Offset, long Length, ulong Xxh64);

/// <summary>
/// The pack file layout (version 1.0), little endian:
/// <list type="bullet">
/// <item>header, 32 bytes: magic <c>"FLFSPAK\0"</c>, uint16 major version, uint16 minor version,
/// uint32 face count, uint64 index offset, uint64 index length;</item>
/// <item>the face files' bytes, one after another, unchanged;</item>
/// <item>the index, UTF-8 JSON at the end: <c>{"faces":[{"name","offset","length","xxh64"}...]}</c>.</item>
/// </list>
/// Readers refuse other major versions and accept newer minor versions (added fields are ignored).
/// The index is written last, so a pack is only valid once complete (and it is written under a
/// temporary name anyway).
/// </summary>
internal static class FaceSetPackFormat
{
    public const int HeaderLength = 32;
    public const ushort MajorVersion = 1;
    public const ushort MinorVersion = 0;
    public const long MaxIndexBytes = 256L * 1024 * 1024;
    public const int MaxFaces = 10_000_000;
    public static ReadOnlySpan<byte> Magic => "FLFSPAK\0"u8;

    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        MaxDepth = 8,
        NumberHandling = JsonNumberHandling.Strict,
    };

    public sealed record Index(List<FaceSetPackEntry> Faces);

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

    /// <summary>A name a pack may hold: a plain visible face file name (unpacking writes it into a folder).</summary>
    public static bool IsSafeName(string? name) =>
        !string.IsNullOrEmpty(name) && name.Length <= 255 && name == Path.GetFileName(name) && !name.StartsWith('.')
        && name.IndexOfAny(['/', '\\', '\0', ':']) < 0 && Faces.Files.FaceImageFile.IsFaceImagePath(name);
}
