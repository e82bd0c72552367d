using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;
using FaceLab.Common;

namespace FaceLab.Imaging;

/// <summary>
/// Reads and writes uncompressed international text chunks (iTXt) of PNG files, which every
/// viewer ignores and keeps the image valid. Used for face metadata and provenance marks.
/// </summary>
internal static class PngChunks
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
        var bytes = png.ToArray();
        foreach (var (type, at, length) in Chunks(bytes, "PNG data"))
        {
            var data = bytes.AsSpan(at, length);
            if (type == "iTXt" && KeywordOf(data.ToArray()) == keyword) continue;
            if (!inserted && type is "IDAT" or "IEND")
            {
                WriteChunk(output, "iTXt", ITxtPayload(keyword, text));
                inserted = true;
            }
            WriteChunk(output, type, data);
        }
        return output.ToArray();
    }

    /// <summary>Text of the tEXt/iTXt chunk named <paramref name="keyword"/>, or null when absent.</summary>
    public static string? ReadText(byte[] png, string keyword, string fileForErrors)
    {
        foreach (var (type, at, length) in Chunks(png, fileForErrors))
        {
            if (type is not ("iTXt" or "tEXt")) continue;
            var data = png.AsSpan(at, length).ToArray();
            if (KeywordOf(data) == keyword)
                return type == "tEXt" ? Encoding.Latin1.GetString(data, keyword.Length + 1, data.Length - keyword.Length - 1) : ParseITxt(data, fileForErrors);
        }
        return null;
    }

    /// <summary>
    /// Throws unless every chunk up to IEND lies inside the file. Decoders allocate a chunk's announced
    /// length before reading it, so one lying length would cost gigabytes for a file of a few bytes.
    /// </summary>
    public static void RequireWellFormed(byte[] png, string fileForErrors)
    {
        foreach (var _ in Chunks(png, fileForErrors)) { }
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
            throw new FaceLabException(file, "damaged or compressed PNG text chunk", "replace or remove the file");
        pos += 3;
        for (var skip = 0; skip < 2; skip++)
        {
            var end = Array.IndexOf(data, (byte)0, pos);
            if (end < 0) throw new FaceLabException(file, "damaged PNG text chunk", "replace or remove the file");
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

    /// <summary>Each chunk's type and where its data lies; lengths are checked, nothing is copied.</summary>
    private static IEnumerable<(string Type, int Data, int Length)> Chunks(byte[] png, string file)
    {
        if (png.Length < 8 || !png.AsSpan(0, 8).SequenceEqual(Signature))
            throw new FaceLabException(file, "not a PNG image", "replace or remove the file");
        var pos = 8;
        while (pos + 12 <= png.Length)
        {
            var length = BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(pos));
            if (length > (uint)(png.Length - pos - 12))
                throw new FaceLabException(file, "damaged PNG: a chunk runs past the end of the file", "replace or remove the file");
            var type = Encoding.ASCII.GetString(png, pos + 4, 4);
            if (type is "iTXt" or "tEXt" && length > MaxTextLength)
                throw new FaceLabException(file, $"PNG text chunk of {length} bytes is larger than allowed", "replace or remove the file");
            yield return (type, pos + 8, (int)length);
            pos += 12 + (int)length;
            if (type == "IEND") yield break;
        }
        throw new FaceLabException(file, "damaged PNG: no IEND chunk", "replace or remove the file");
    }
}
