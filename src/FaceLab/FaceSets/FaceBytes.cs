using FaceLab.Common;
using FaceLab.Faces.Files;
using FaceLab.Imaging;
using OpenCvSharp;

namespace FaceLab.FaceSets;

/// <summary>
/// Reads the embedded <see cref="FaceMetadata"/> from a face file's bytes already in memory (a
/// packed set, or bytes read once for hashing), the same carriers as <see cref="FaceImageFile"/>.
/// </summary>
public static class FaceBytes
{
    // Same carrier as FaceImageFile: JPEG APP15 with the signature "FaceLab".
    private static readonly JpegSegments JpegCarrier = new(0xEF, "FaceLab");

    /// <summary>The metadata, or null when the image carries none; damaged metadata throws a <see cref="Common.FaceLabException"/>.</summary>
    public static FaceMetadata? TryReadMetadata(byte[] bytes, string nameForErrors)
    {
        if (bytes.AsSpan().StartsWith(PngChunks.Signature))
        {
            var text = PngChunks.ReadText(bytes, FaceImageFile.PngKeyword, nameForErrors);
            return text is null ? null : FaceMetadataJson.Deserialize(System.Text.Encoding.UTF8.GetBytes(text), nameForErrors);
        }
        var payload = JpegCarrier.Read(bytes, nameForErrors, FaceMetadataJson.MaxPayloadBytes);
        return payload is null ? null : FaceMetadataJson.Deserialize(payload, nameForErrors);
    }

    /// <summary>The metadata; a one-line error naming the face when it has none.</summary>
    public static FaceMetadata ReadMetadata(byte[] bytes, string nameForErrors) =>
        TryReadMetadata(bytes, nameForErrors) ?? throw new FaceLabException($"{nameForErrors}: has no FaceLab face metadata (not extracted by FaceLab?)");

    /// <summary>The image as BGR; a one-line error when it cannot be decoded.</summary>
    public static Mat DecodeImage(byte[] bytes, string nameForErrors)
    {
        var image = Cv2.ImDecode(bytes, ImreadModes.Color);
        if (!image.Empty()) return image;
        image.Dispose();
        throw new FaceLabException($"{nameForErrors}: cannot decode the face image");
    }
}
