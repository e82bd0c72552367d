using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;
using FaceLab.Common;

namespace FaceLab.Imaging;

/// <summary>
/// Reads and writes uncompressed international text chunks (iTXt) of PNG files, which every
/// viewer ignores and keeps the image valid. Used for face metadata and provenance marks.
/// </summary>
public static class PngChunks
{
    public static ReadOnlySpan<byte> Signature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>Bound on one text chunk we accept from a file (files are untrusted input).</summary>
    public const int MaxTextLength = 16 * 1024 * 1024;

    /// <summary>Returns <paramref name="png"/> with an iTXt chunk <paramref name="keyword"/> set to
    /// <paramref name="text"/> (an existing chunk with that keyword is replaced).</summary>
    public static byte[] WithText(ReadOnlySpan<byte> png, string keyword, string text)
    {
        ValidateKeyword(keyword);
        var output = new MemoryStream(png.Length + text.Length + 64);
        output.Write(Signature);
        var inserted = false;
        foreach (var chunk in Enumerate(png.ToArray(), "PNG data"))
        {
            if (chunk.Type == "iTXt" && KeywordOf(chunk.Data) == keyword) continue;
            if (!inserted && chunk.Type is "IDAT" or "IEND")
            {
                WriteChunk(output, "iTXt", ITxtPayload(keyword, text));
                inserted = true;
            }
            WriteChunk(output, chunk.Type, chunk.Data);
        }
        return output.ToArray();
    }

    /// <summary>Text of the tEXt/iTXt chunk named <paramref name="keyword"/>, or null when absent.</summary>
    public static string? ReadText(byte[] png, string keyword, string fileForErrors)
    {
        foreach (var chunk in Enumerate(png, fileForErrors))
        {
            if (chunk.Type == "IDAT") continue;
            if (chunk.Type is "iTXt" or "tEXt" && KeywordOf(chunk.Data) == keyword)
                return chunk.Type == "tEXt" ? Encoding.Latin1.GetString(chunk.Data, keyword.Length + 1, chunk.Data.Length - keyword.Length - 1) : ParseITxt(chunk.Data, fileForErrors);
        }
        return null;
    }

    private static byte[] ITxtPayload(string keyword, string text)
    {
        // keyword NUL, compression flag 0, method 0, empty language tag NUL, empty translated keyword NUL, UTF-8 text
        var body = Encoding.UTF8.GetBytes(text);
        var payload = new byte[keyword.Length + 5 + body.Length];
        Encoding.Latin1.GetBytes(keyword, payload);
        body.CopyTo(payload, keyword.Length + 5);
        return payload;
    }

    private static string ParseITxt(byte[] data, string file)
    {
        var pos = Array.IndexOf(data, (byte)0);
        if (pos < 0 || pos + 3 > data.Length || data[pos + 1] != 0)
            throw new FaceLabException($"{file}: damaged or compressed PNG text chunk");
        pos += 3;
        for (var skip = 0; skip < 2; skip++)
        {
            var end = Array.IndexOf(data, (byte)0, pos);
            if (end < 0) throw new FaceLabException($"{file}: damaged PNG text chunk");
            pos = end + 1;
        }
        return Encoding.UTF8.GetString(data, pos, data.Length - pos);
    }

    private static string KeywordOf(byte[] data)
    {
        var end = Array.IndexOf(data, (byte)0);
        return end <= 0 ? "" : Encoding.Latin1.GetString(data, 0, end);
    }

    private static void ValidateKeyword(string keyword)
    {
        if (keyword.Length is < 1 or > 79 || keyword.Any(c => c < 32 || c > 126))
            throw new ArgumentException("PNG keywords are 1-79 printable Latin-1 characters", nameof(keyword));
    }

    private static void WriteChunk(Stream output, string type, ReadOnlySpan<byte> data)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(word, (uint)data.Length);
        output.Write(word);
        var typeBytes = Encoding.ASCII.GetBytes(type);
        output.Write(typeBytes);
        output.Write(data);
        var crc = new Crc32();
        crc.Append(typeBytes);
        crc.Append(data);
        BinaryPrimitives.WriteUInt32BigEndian(word, crc.GetCurrentHashAsUInt32());
        output.Write(word);
    }

    private static IEnumerable<(string Type, byte[] Data)> Enumerate(byte[] png, string file)
    {
        if (png.Length < 8 || !png.AsSpan(0, 8).SequenceEqual(Signature))
            throw new FaceLabException($"{file}: not a PNG image");
        var pos = 8;
        while (pos + 12 <= png.Length)
        {
            var length = BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(pos));
            if (length > (uint)(png.Length - pos - 12))
                throw new FaceLabException($"{file}: damaged PNG (chunk runs past the end of the file)");
            var type = Encoding.ASCII.GetString(png, pos + 4, 4);
            var data = png.AsSpan(pos + 8, (int)length);
            if (type is "iTXt" or "tEXt" && length > MaxTextLength)
                throw new FaceLabException($"{file}: PNG text chunk of {length} bytes is larger than allowed");
            yield return (type, data.ToArray());
            pos += 12 + (int)length;
            if (type == "IEND") yield break;
        }
        throw new FaceLabException($"{file}: damaged PNG (no IEND chunk)");
    }
}
