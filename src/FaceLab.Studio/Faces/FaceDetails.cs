using FaceLab.Faces.Files;
using FaceLab.Imaging;
using FaceLab.Studio.Security;
using OpenCvSharp;

namespace FaceLab.Studio.Faces;

/// <summary>The frame a face came from, as the page draws it: its path in the workspace (null when the frame is gone) and size.</summary>
public sealed record SourceFrame(string? Path, int Width, int Height);

/// <summary>
/// Everything the page shows about one face: its metadata, and the geometry to draw over its
/// source frame, all in frame pixels (detector box, 68 landmarks, outline of the aligned crop).
/// </summary>
public sealed record FaceDetails(
    string Path, string Name, string FaceType, int Width, int Height,
    string SourceFilename, double[] SourceRect, double[][] SourceLandmarks, double[][] CropOutline,
    string Detector, string Landmarker, string ToolVersion, double EyebrowsExpandMod,
    bool HasMaskPolygons, bool HasTrainedMask, SourceFrame? Frame)
{
    /// <summary>Reads the face at <paramref name="face"/> (a full path inside the workspace); its frame is looked for beside its folder.</summary>
    public static FaceDetails Read(string face, WorkspacePaths paths)
    {
        var metadata = FaceImageFile.ReadMetadata(face);
        var (width, height) = ImageHeader.ReadSize(face);
        var toFrame = metadata.ImageToFace.Inverse();
        Point2d[] corners = [new(0, 0), new(width, 0), new(width, height), new(0, height)];
        return new FaceDetails(
            paths.ToRelative(face), System.IO.Path.GetFileName(face), metadata.FaceType, width, height,
            metadata.SourceFilename, metadata.SourceRect, Points(metadata.SourceLandmarks), Points(toFrame.Apply(corners)),
            metadata.Detector, metadata.Landmarker, metadata.ToolVersion, metadata.EyebrowsExpandMod,
            metadata.MaskPolygons is not null, metadata.TrainedMaskPng is not null,
            FrameOf(face, metadata.SourceFilename, paths));
    }

    /// <summary>
    /// Faces live in <c>FRAMES/aligned/</c> (or its trash); their frame is <c>FRAMES/source_filename</c>.
    /// A source name that is not a plain file name is not followed.
    /// </summary>
    private static SourceFrame? FrameOf(string face, string sourceFilename, WorkspacePaths paths)
    {
        if (sourceFilename != System.IO.Path.GetFileName(sourceFilename) || sourceFilename.StartsWith('.')) return null;
        var frames = System.IO.Path.GetDirectoryName(System.IO.Path.GetDirectoryName(face))!;
        var frame = System.IO.Path.Combine(frames, sourceFilename);
        if (!File.Exists(frame)) return new SourceFrame(null, 0, 0);
        var (width, height) = ImageHeader.ReadSize(frame);
        return new SourceFrame(paths.ToRelative(frame), width, height);
    }

    private static double[][] Points(IEnumerable<Point2d> points) => [.. points.Select(p => new[] { p.X, p.Y })];
}
