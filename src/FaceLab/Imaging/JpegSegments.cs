using System.Buffers.Binary;
using FaceLab.Common;

namespace FaceLab.Imaging;

/// <summary>
/// Stores a payload in JPEG application segments (APPn) tagged with a signature, split over as
/// many segments as needed (one holds at most ~64 KB). Viewers skip unknown APPn segments, so
/// the file stays a valid JPEG. Segment layout after the 2-byte length:
/// signature, format version (1 byte), index (2 bytes, big-endian), count (2 bytes), data.
/// </summary>
internal sealed class JpegSegments(byte marker, string signature)
{
    private const int MaxSegmentLength = 65535; // the length field counts itself
    private const byte FormatVersion = 1;

    private readonly byte[] _signature = System.Text.Encoding.ASCII.GetBytes(signature + "\0");

    private int HeaderLength => _signature.Length + 5;

    /// <summary>Returns <paramref name="jpeg"/> with the payload in fresh segments (old ones removed).</summary>
    public byte[] Write(byte[] jpeg, ReadOnlySpan<byte> payload, string fileForErrors)
    {
        var segments = Parse(jpeg, fileForErrors);
        var perSegment = MaxSegmentLength - 2 - HeaderLength;
        var count = Math.Max(1, (payload.Length + perSegment - 1) / perSegment);
        if (count > ushort.MaxValue) throw new ArgumentException("payload too large for JPEG segments", nameof(payload));

        // Our segments go after SOI and the leading APP0/APP1 (JFIF/EXIF must stay first for some readers).
        var insertAt = segments.Where(s => s.Marker is 0xE0 or 0xE1).Select(s => s.End).DefaultIfEmpty(2).Max();
        var skipped = segments.Where(IsOurs).ToList();
        var output = new MemoryStream(jpeg.Length + payload.Length + count * (HeaderLength + 4));
        var position = 0;
        foreach (var old in skipped.Where(o => o.End <= insertAt))
        {
            output.Write(jpeg, position, old.Start - position);
            position = old.End;
        }
        output.Write(jpeg, position, insertAt - position);
        position = insertAt;

        Span<byte> header = stackalloc byte[4];
        Span<byte> counters = stackalloc byte[4];
        for (var i = 0; i < count; i++)
        {
            var chunk = payload.Slice(i * perSegment, Math.Min(perSegment, payload.Length - i * perSegment));
            header[0] = 0xFF;
            header[1] = marker;
            BinaryPrimitives.WriteUInt16BigEndian(header[2..], (ushort)(2 + HeaderLength + chunk.Length));
            output.Write(header);
            output.Write(_signature);
            output.WriteByte(FormatVersion);
            BinaryPrimitives.WriteUInt16BigEndian(counters, (ushort)i);
            BinaryPrimitives.WriteUInt16BigEndian(counters[2..], (ushort)count);
            output.Write(counters);
            output.Write(chunk);
        }

        foreach (var old in skipped.Where(o => o.Start >= insertAt))
        {
            output.Write(jpeg, position, old.Start - position);
            position = old.End;
        }
        output.Write(jpeg, position, jpeg.Length - position);
        return output.ToArray();
    }

    /// <summary>The payload, or null when the file has none of our segments.</summary>
    public byte[]? Read(byte[] jpeg, string fileForErrors, int maxPayloadBytes)
    {
        var ours = Parse(jpeg, fileForErrors).Where(IsOurs).ToList();
        if (ours.Count == 0) return null;
        var parts = new byte[ours.Count][];
        int? count = null;
        var total = 0;
        foreach (var s in ours)
        {
            var data = jpeg.AsSpan(s.DataStart, s.End - s.DataStart);
            if (data.Length < HeaderLength || data[_signature.Length] != FormatVersion)
                throw new FaceLabException(fileForErrors, "damaged face metadata: unknown segment version", "extract the face again with this FaceLab");
            var index = BinaryPrimitives.ReadUInt16BigEndian(data[(_signature.Length + 1)..]);
            var n = BinaryPrimitives.ReadUInt16BigEndian(data[(_signature.Length + 3)..]);
            count ??= n;
            if (n != count || n != ours.Count || index >= n || parts[index] is not null)
                throw new FaceLabException(fileForErrors, "damaged face metadata: segments missing or repeated", "extract the face again");
            total += data.Length - HeaderLength;
            if (total > maxPayloadBytes)
                throw new FaceLabException(fileForErrors, "face metadata larger than allowed", "extract the face again");
            parts[index] = data[HeaderLength..].ToArray();
        }
        return parts.SelectMany(p => p).ToArray();
    }

    /// <summary>Every marker segment before the image data, as its marker and its data (after the length field).</summary>
    public static IEnumerable<(byte Marker, ArraySegment<byte> Data)> HeaderSegments(byte[] jpeg, string fileForErrors) =>
        Parse(jpeg, fileForErrors).Select(s => (s.Marker, new ArraySegment<byte>(jpeg, s.DataStart, s.End - s.DataStart)));

    private bool IsOurs(Segment s) =>
        s.Marker == marker && s.End - s.DataStart >= _signature.Length
        && new ReadOnlySpan<byte>(s.Source, s.DataStart, _signature.Length).SequenceEqual(_signature);

    private readonly record struct Segment(byte[] Source, byte Marker, int Start, int DataStart, int End);

    /// <summary>The marker segments before the compressed data (start of scan).</summary>
    private static List<Segment> Parse(byte[] jpeg, string file)
    {
        if (jpeg.Length < 4 || jpeg[0] != 0xFF || jpeg[1] != 0xD8)
            throw new FaceLabException(file, "not a JPEG image", "replace or remove the file");
        var segments = new List<Segment>();
        var pos = 2;
        while (pos + 4 <= jpeg.Length)
        {
            if (jpeg[pos] != 0xFF) throw new FaceLabException(file, $"damaged JPEG: bad marker at byte {pos}", "replace or remove the file");
            var m = jpeg[pos + 1];
            if (m == 0xFF) { pos++; continue; }
            if (m is 0xDA or 0xD9) return segments; // start of scan / end of image: no metadata beyond
            var length = BinaryPrimitives.ReadUInt16BigEndian(jpeg.AsSpan(pos + 2));
            if (length < 2 || pos + 2 + length > jpeg.Length)
                throw new FaceLabException(file, "damaged JPEG: a segment runs past the end of the file", "replace or remove the file");
            segments.Add(new Segment(jpeg, m, pos, pos + 4, pos + 2 + length));
            pos += 2 + length;
        }
        throw new FaceLabException(file, "damaged JPEG: no image data", "replace or remove the file");
    }
}
