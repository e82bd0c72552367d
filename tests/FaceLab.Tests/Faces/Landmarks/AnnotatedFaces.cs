using FaceLab.Tests.Support;
using OpenCvSharp;

namespace FaceLab.Tests.Faces.Landmarks;

/// <summary>One image of the shared landmark set with its 68 ground-truth points (0-based).</summary>
public sealed record AnnotatedFace(string Name, Mat Image, Point2d[] Truth)
{
    private static readonly Lazy<IReadOnlyList<AnnotatedFace>> Faces = new(Load);

    /// <summary>The 9 annotated faces of ../shared/data/landmarks, decoded once per test run; treat the images as read-only.</summary>
    public static IReadOnlyList<AnnotatedFace> All => Faces.Value;

    private static List<AnnotatedFace> Load() => Directory
        .EnumerateFiles(TestPaths.SharedLandmarks, "*.pts", SearchOption.AllDirectories)
        .Order(StringComparer.Ordinal)
        .Select(pts =>
        {
            var stem = Path.GetFileNameWithoutExtension(pts);
            var image = Directory.EnumerateFiles(Path.GetDirectoryName(pts)!, stem + ".*").Single(f => !f.EndsWith(".pts", StringComparison.Ordinal));
            return new AnnotatedFace(stem, Cv2.ImRead(image, ImreadModes.Color), PtsFile.Read(pts));
        })
        .ToList();
}
