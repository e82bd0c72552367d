namespace FaceLab.Faces.Files;

/// <summary>Image format of aligned face files. JPEG is DeepFaceLab's default and ~10× smaller; PNG is lossless.</summary>
public enum FaceImageFormat
{
    /// <summary>JPEG, metadata in an APP segment.</summary>
    Jpg,
    /// <summary>PNG, metadata in a text chunk.</summary>
    Png,
}

/// <summary>The file extension of each face format.</summary>
internal static class FaceImageFormatExtensions
{
    public static string Extension(this FaceImageFormat format) => format == FaceImageFormat.Png ? ".png" : ".jpg";
}
