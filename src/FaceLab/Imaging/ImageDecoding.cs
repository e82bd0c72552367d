using FaceLab.Common;
using OpenCvSharp;

namespace FaceLab.Imaging;

/// <summary>
/// The one way FaceLab decodes an image file: any still format OpenCV reads, 8- or 16-bit,
/// grey, colour or with alpha, returned as an 8-bit BGR <see cref="Mat"/>. A file that is
/// missing, empty, truncated, undecodable or larger than <see cref="MaxSide"/> /
/// <see cref="MaxPixels"/> gives a <see cref="FaceLabException"/> naming it, never an empty Mat.
/// </summary>
public static class ImageDecoding
{
    /// <summary>Longest accepted side in pixels.</summary>
    public const int MaxSide = 16384;

    /// <summary>Largest accepted image in pixels (about 16K × 8K); bounds the memory one decode takes.</summary>
    public const long MaxPixels = 134_217_728;

    private const string Hint = "re-export or replace the file";

    /// <summary>Reads and decodes the image at <paramref name="path"/>.</summary>
    public static Mat Read(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new FaceLabException(path, "file does not exist", null, e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new FaceLabException(path, $"cannot read ({e.Message})", "check the file's permissions", e);
        }
        return Decode(bytes, path);
    }

    /// <summary>Decodes an image already in memory (a packed face, bytes read once for hashing).</summary>
    public static Mat Decode(byte[] bytes, string nameForErrors)
    {
        if (bytes.Length == 0) throw new FaceLabException(nameForErrors, "the file is empty (zero bytes)", Hint);
        if (IsTruncated(bytes)) throw new FaceLabException(nameForErrors, "the image is truncated (its end is missing)", Hint);
        if (bytes.AsSpan().StartsWith(PngChunks.Signature)) PngChunks.RequireWellFormed(bytes, nameForErrors);
        // PNG's IHDR and JPEG's frame header give the size before the decoder allocates anything.
        if (ImageHeader.TryReadSize(bytes) is { } size) RequireBounded(size.Width, size.Height, nameForErrors);

        // IMREAD_COLOR turns grey into BGR, drops alpha and scales 16-bit samples to 8 bits.
        Mat image;
        try
        {
            image = Cv2.ImDecode(bytes, ImreadModes.Color);
        }
        catch (OpenCVException e)
        {
            // OpenCV's own refusals, e.g. a JPEG whose frame header announces more pixels than it allows.
            throw new FaceLabException(nameForErrors, "cannot decode the image (damaged or not an image)", Hint, e);
        }
        if (image.Empty())
        {
            image.Dispose();
            throw new FaceLabException(nameForErrors, "cannot decode the image (damaged or not an image)", Hint);
        }
        try
        {
            RequireBounded(image.Width, image.Height, nameForErrors);
            return image;
        }
        catch
        {
            image.Dispose();
            throw;
        }
    }

    private static void RequireBounded(int width, int height, string name)
    {
        if (width > MaxSide || height > MaxSide || (long)width * height > MaxPixels)
            throw new FaceLabException(name, $"the image is too large ({width}x{height}; at most {MaxSide} px a side and {MaxPixels / 1_000_000} megapixels)", "scale it down first");
    }

    /// <summary>PNG and JPEG announce their end (IEND, EOI); a file cut short lacks it and would decode as grey or fail late.</summary>
    private static bool IsTruncated(byte[] bytes)
    {
        var tail = bytes.AsSpan(Math.Max(0, bytes.Length - 4096));
        if (bytes.AsSpan().StartsWith(PngChunks.Signature)) return tail.IndexOf("IEND"u8) < 0;
        if (bytes.Length >= 2 && bytes[0] == 0xFF && bytes[1] == 0xD8) return tail.IndexOf([(byte)0xFF, (byte)0xD9]) < 0;
        return false;
    }
}
