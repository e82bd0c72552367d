namespace FaceLab.Media;

/// <summary>Image format of extracted frames. PNG is lossless; JPEG is ~10× smaller.</summary>
public enum FrameImageFormat
{
    /// <summary>Lossless PNG.</summary>
    Png,
    /// <summary>JPEG.</summary>
    Jpg,
}

internal static class FrameImageFormatExtensions
{
    public static string Extension(this FrameImageFormat f) => f == FrameImageFormat.Png ? ".png" : ".jpg";
}
