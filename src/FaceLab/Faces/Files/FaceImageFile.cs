using FaceLab.Common;
using FaceLab.Imaging;
using OpenCvSharp;

namespace FaceLab.Faces.Files;

/// <summary>
/// Aligned face images with their <see cref="FaceMetadata"/> embedded: JPEG APP15 segments with
/// the signature "FaceLab" (DeepFaceLab also uses APP15, with a pickle; ours is JSON), or a PNG
/// iTXt chunk "FaceLab-Face". Files are written under a temporary name and renamed when complete.
/// </summary>
public static class FaceImageFile
{
    /// <summary>The PNG text keyword the metadata is stored under.</summary>
    public const string PngKeyword = "FaceLab-Face";

    private static readonly JpegSegments JpegCarrier = new(0xEF, "FaceLab");

    /// <summary>JPEG quality when none is given (DeepFaceLab writes 90–100).</summary>
    public const int DefaultJpegQuality = 95;

    /// <summary>The file types that carry face metadata.</summary>
    public static IReadOnlyList<string> Extensions { get; } = [".jpg", ".jpeg", ".png"];

    /// <summary>Whether <paramref name="path"/> has a face image extension.</summary>
    public static bool IsFaceImagePath(string path) => ImageFiles.HasImageExtension(path, Extensions);

    /// <summary>Encodes <paramref name="face"/> (BGR) by the path's extension and embeds the metadata.</summary>
    public static void Write(string path, Mat face, FaceMetadata metadata, int jpegQuality = DefaultJpegQuality)
    {
        var isPng = IsPng(path);
        var parameters = isPng ? new ImageEncodingParam(ImwriteFlags.PngCompression, 3) : new ImageEncodingParam(ImwriteFlags.JpegQuality, jpegQuality);
        Cv2.ImEncode(isPng ? ".png" : ".jpg", face, out var encoded, parameters);
        AtomicOutput.WriteAllBytes(path, Embed(encoded, metadata, path));
    }

    /// <summary>Replaces the metadata of an existing face file, keeping its pixels byte for byte.</summary>
    public static void WriteMetadata(string path, FaceMetadata metadata) =>
        AtomicOutput.WriteAllBytes(path, Embed(ReadBytes(path), metadata, path));

    /// <summary>The metadata; a one-line error naming the file when it has none or it is damaged.</summary>
    public static FaceMetadata ReadMetadata(string path) =>
        TryReadMetadata(path) ?? throw NoMetadata(path);

    /// <summary>The error for an image without FaceLab metadata, named by <paramref name="nameForErrors"/>.</summary>
    public static FaceLabException NoMetadata(string nameForErrors) =>
        new(nameForErrors, "has no FaceLab face metadata", "only faces extracted by FaceLab carry it; run facelab faces extract");

    /// <summary>The metadata, or null when the image carries none; damaged metadata still throws.</summary>
    public static FaceMetadata? TryReadMetadata(string path) => TryReadMetadata(ReadBytes(path), path);

    /// <summary>The metadata of a face file's bytes already in memory (a packed set), or null when there is none.</summary>
    public static FaceMetadata? TryReadMetadata(byte[] bytes, string nameForErrors)
    {
        if (bytes.AsSpan().StartsWith(PngChunks.Signature))
        {
            var text = PngChunks.ReadText(bytes, PngKeyword, nameForErrors);
            return text is null ? null : FaceMetadataJson.Deserialize(System.Text.Encoding.UTF8.GetBytes(text), nameForErrors);
        }
        var payload = JpegCarrier.Read(bytes, nameForErrors, FaceMetadataJson.MaxPayloadBytes);
        return payload is null ? null : FaceMetadataJson.Deserialize(payload, nameForErrors);
    }

    /// <summary>The face image (BGR) and its metadata.</summary>
    public static (Mat Image, FaceMetadata Metadata) Read(string path)
    {
        var bytes = ReadBytes(path);
        var metadata = TryReadMetadata(bytes, path) ?? throw NoMetadata(path);
        return (ImageDecoding.Decode(bytes, path), metadata);
    }

    private static byte[] Embed(byte[] encoded, FaceMetadata metadata, string path)
    {
        var payload = FaceMetadataJson.Serialize(metadata, path);
        if (payload.Length > FaceMetadataJson.MaxPayloadBytes)
            throw new FaceLabException(path, $"face metadata of {payload.Length} bytes is larger than allowed", "shorten the source file's name; if that is short, report it as a bug");
        return encoded.AsSpan().StartsWith(PngChunks.Signature)
            ? PngChunks.WithText(encoded, PngKeyword, System.Text.Encoding.UTF8.GetString(payload))
            : JpegCarrier.Write(encoded, payload, path);
    }

    private static bool IsPng(string path) => Path.GetExtension(path).Equals(".png", StringComparison.OrdinalIgnoreCase);

    private static byte[] ReadBytes(string path)
    {
        if (Directory.Exists(path)) throw new FaceLabException(path, "is a folder", "give one face image file");
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new FaceLabException(path, $"cannot read: {e.Message}", "check that the face still exists and can be read", e);
        }
    }
}
