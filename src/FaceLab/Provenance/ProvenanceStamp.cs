using System.Buffers.Binary;
using System.Text;
using FaceLab.Common;
using FaceLab.Imaging;

namespace FaceLab.Provenance;

/// <summary>
/// Puts the synthetic-media mark into an encoded still image: a PNG text chunk, or a JPEG comment
/// (COM) segment right after the start-of-image marker. Either way the image stays valid for every
/// viewer, and <see cref="Read"/> (and <c>facelab provenance</c>, exiftool) finds the mark again.
/// </summary>
internal static class ProvenanceStamp
{
    private const int MaxCommentBytes = ushort.MaxValue - 2;

    /// <summary>The encoded image with the mark; PNG and JPEG are told apart by their signatures.</summary>
    public static byte[] Apply(byte[] encoded, ProvenanceMark mark)
    {
        var text = mark.ToText();
        if (IsPng(encoded)) return PngChunks.WithText(encoded, ProvenanceMark.PngKeyword, text);
        if (!IsJpeg(encoded)) throw new ArgumentException("only PNG and JPEG images can carry the mark", nameof(encoded));
        var comment = Encoding.UTF8.GetBytes(text);
        if (comment.Length > MaxCommentBytes) throw new ArgumentException("the mark is too long for a JPEG comment", nameof(mark));
        var stamped = new byte[encoded.Length + 4 + comment.Length];
        encoded.AsSpan(0, 2).CopyTo(stamped);
        stamped[2] = 0xFF;
        stamped[3] = 0xFE;
        BinaryPrimitives.WriteUInt16BigEndian(stamped.AsSpan(4), (ushort)(comment.Length + 2));
        comment.CopyTo(stamped.AsSpan(6));
        encoded.AsSpan(2).CopyTo(stamped.AsSpan(6 + comment.Length));
        return stamped;
    }

    /// <summary>The mark of an encoded PNG or JPEG image, or null.</summary>
    public static ProvenanceMark? Read(byte[] encoded, string fileForErrors)
    {
        if (IsPng(encoded)) return ProvenanceMark.TryParse(PngChunks.ReadText(encoded, ProvenanceMark.PngKeyword, fileForErrors));
        if (!IsJpeg(encoded)) return null;
        IEnumerable<(byte Marker, ArraySegment<byte> Data)> segments;
        try
        {
            segments = JpegSegments.HeaderSegments(encoded, fileForErrors).ToList();
        }
        catch (FaceLabException)
        {
            return null; // a damaged JPEG carries no readable mark
        }
        return segments.Where(s => s.Marker == 0xFE).Select(s => ProvenanceMark.TryParse(Encoding.UTF8.GetString(s.Data))).FirstOrDefault(m => m is not null);
    }

    public static bool IsPng(ReadOnlySpan<byte> bytes) => bytes.Length >= 8 && bytes[..8].SequenceEqual(PngChunks.Signature);

    public static bool IsJpeg(ReadOnlySpan<byte> bytes) => bytes.Length >= 3 && bytes[0] == 0xFF && bytes[1] == 0xD8 && bytes[2] == 0xFF;
}
