using System.IO.Hashing;
using FaceLab.Common;
using FaceLab.Imaging;
using OpenCvSharp;

namespace FaceLab.Studio.Faces;

/// <summary>
/// Small JPEG copies of faces, made once and kept in the workspace's hidden studio folder under
/// the hash of the face file's bytes: a face renamed by a sort keeps its thumbnail, an edited one
/// gets a new one. Written atomically, so two requests for one face never leave half a file.
/// </summary>
public sealed class ThumbnailCache(string workspace)
{
    public const int Side = 128;
    private const int JpegQuality = 85;

    /// <summary>The hidden folder of the studio's own files in the workspace.</summary>
    public const string StudioFolderName = ".facelab-studio";

    public string Folder { get; } = Path.Combine(workspace, StudioFolderName, "thumbnails");

    /// <summary>The thumbnail's JPEG bytes for the face file <paramref name="face"/> (a full path inside the workspace).</summary>
    public byte[] Get(string face)
    {
        var bytes = File.ReadAllBytes(face);
        var cached = Path.Combine(Folder, XxHash128.HashToUInt128(bytes).ToString("x32", System.Globalization.CultureInfo.InvariantCulture) + ".jpg");
        if (File.Exists(cached)) return File.ReadAllBytes(cached);

        using var image = ImageDecoding.Decode(bytes, face);
        var scale = (double)Side / Math.Max(image.Width, image.Height);
        using var small = scale < 1 ? image.Resize(new Size(Math.Max(1, (int)Math.Round(image.Width * scale)), Math.Max(1, (int)Math.Round(image.Height * scale))), 0, 0, InterpolationFlags.Area) : image.Clone();
        Cv2.ImEncode(".jpg", small, out var thumbnail, new ImageEncodingParam(ImwriteFlags.JpegQuality, JpegQuality));
        Directory.CreateDirectory(Folder);
        AtomicOutput.WriteAllBytes(cached, thumbnail);
        return thumbnail;
    }
}
