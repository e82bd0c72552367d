using FaceLab.Common;
using FaceLab.Faces.Files;
using OpenCvSharp;

namespace FaceLab.FaceSets;

/// <summary>
/// Reads the embedded <see cref="FaceMetadata"/> from a face file's bytes already in memory (a
/// packed set, or bytes read once for hashing), the same carriers as <see cref="FaceImageFile"/>.
/// </summary>
public static class FaceBytes
{
    /// <summary>The metadata, or null when the image carries none; damaged metadata throws a <see cref="Common.FaceLabException"/>.</summary>
    public static FaceMetadata? TryReadMetadata(byte[] bytes, string nameForErrors) => FaceImageFile.TryReadMetadata(bytes, nameForErrors);

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
