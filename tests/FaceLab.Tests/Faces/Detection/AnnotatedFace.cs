using System.Globalization;
using FaceLab.Tests.Support;
using OpenCvSharp;

namespace FaceLab.Tests.Faces.Detection;

/// <summary>One of the 9 manually annotated faces in ../shared/data/landmarks (68 iBUG points, 0-based).</summary>
public sealed record AnnotatedFace(string Name, string ImagePath, Point2d[] Landmarks)
{
    public static IReadOnlyList<AnnotatedFace> All { get; } = Load();

    public Point2d Centroid => new(Landmarks.Average(p => p.X), Landmarks.Average(p => p.Y));

    /// <summary>Outer eye corners (36, 45) distance: the 300-W normaliser.</summary>
    public double InterocularDistance => Landmarks[36].DistanceTo(Landmarks[45]);

    public override string ToString() => Name;

    private static List<AnnotatedFace> Load() =>
        Directory.EnumerateFiles(TestPaths.SharedLandmarks, "*.pts", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(pts =>
            {
                var image = Directory.EnumerateFiles(Path.GetDirectoryName(pts)!, Path.GetFileNameWithoutExtension(pts) + ".*")
                    .Single(f => !f.EndsWith(".pts", StringComparison.Ordinal));
                return new AnnotatedFace(Path.GetFileName(image), image, ReadPts(pts));
            })
            .ToList();

    private static Point2d[] ReadPts(string path)
    {
        var lines = File.ReadAllLines(path);
        var open = Array.FindIndex(lines, l => l.Trim() == "{");
        var points = lines.Skip(open + 1).TakeWhile(l => l.Trim() != "}")
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(p => new Point2d(double.Parse(p[0], CultureInfo.InvariantCulture) - 1, double.Parse(p[1], CultureInfo.InvariantCulture) - 1))
            .ToArray();
        return points.Length == 68 ? points : throw new InvalidDataException($"{path}: {points.Length} points, expected 68");
    }
}
