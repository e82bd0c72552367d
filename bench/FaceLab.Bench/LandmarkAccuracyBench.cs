using System.Diagnostics;
using System.Globalization;
using FaceLab.Faces.Landmarks;
using OpenCvSharp;

namespace FaceLab.Bench;

/// <summary>
/// Accuracy and speed of every 68-point landmarker on the annotated faces of
/// ../shared/data/landmarks, 300-W protocol: the box is the bounding box of the 68 ground-truth
/// points (not a detector's box), NME = mean point distance / outer eye-corner distance (points 36
/// and 45), per face and the mean. Milliseconds a face: mean wall time of 5 rounds over all faces
/// after the NME pass, which serves as warm-up; model loading is not counted. No arguments.
/// </summary>
public sealed class LandmarkAccuracyBench : IBenchmark
{
    private const int TimedRounds = 5;

    public string Name => "landmarks";

    public string Description => "68-point landmarkers: NME per annotated face and ms a face";

    public Task RunAsync(string[] args, TextWriter report, CancellationToken ct)
    {
        var faces = LoadFaces();
        var columns = new List<(string Name, double[] Nme, double Ms)>();
        foreach (var descriptor in FaceLandmarkers.All)
        {
            using var landmarker = descriptor.Create();
            var nme = faces.Select(f => Nme(landmarker.Locate(f.Image, BoundsOf(f.Truth)), f.Truth)).ToArray();
            var watch = Stopwatch.StartNew();
            for (var round = 0; round < TimedRounds; round++)
                foreach (var f in faces)
                {
                    ct.ThrowIfCancellationRequested();
                    landmarker.Locate(f.Image, BoundsOf(f.Truth));
                }
            columns.Add((descriptor.Name, nme, watch.Elapsed.TotalMilliseconds / (TimedRounds * faces.Count)));
        }

        report.WriteLine("| face | " + string.Join(" | ", columns.Select(c => c.Name + " NME")) + " |");
        report.WriteLine("|---|" + string.Concat(columns.Select(_ => "---:|")));
        for (var i = 0; i < faces.Count; i++)
            report.WriteLine($"| {faces[i].Name} | " + string.Join(" | ", columns.Select(c => c.Nme[i].ToString("F4", CultureInfo.InvariantCulture))) + " |");
        report.WriteLine("| **mean** | " + string.Join(" | ", columns.Select(c => $"**{c.Nme.Average().ToString("F4", CultureInfo.InvariantCulture)}**")) + " |");
        report.WriteLine("| ms a face | " + string.Join(" | ", columns.Select(c => c.Ms.ToString("F1", CultureInfo.InvariantCulture))) + " |");
        foreach (var f in faces) f.Image.Dispose();
        return Task.CompletedTask;
    }

    private sealed record Face(string Name, Mat Image, Point2d[] Truth);

    private static List<Face> LoadFaces() => Directory
        .EnumerateFiles(Path.Combine(BenchPaths.SharedData, "landmarks"), "*.pts", SearchOption.AllDirectories)
        .Order(StringComparer.Ordinal)
        .Select(pts =>
        {
            var stem = Path.GetFileNameWithoutExtension(pts);
            var image = Directory.EnumerateFiles(Path.GetDirectoryName(pts)!, stem + ".*").Single(f => !f.EndsWith(".pts", StringComparison.Ordinal));
            return new Face(stem, Cv2.ImRead(image, ImreadModes.Color), ReadPts(pts));
        })
        .ToList();

    /// <summary>iBUG .pts: the lines between the braces are "x y", 1-based; returned 0-based.</summary>
    private static Point2d[] ReadPts(string path)
    {
        var lines = File.ReadAllLines(path).Select(l => l.Trim()).ToList();
        return lines.Skip(lines.IndexOf("{") + 1).TakeWhile(l => l != "}")
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(xy => new Point2d(double.Parse(xy[0], CultureInfo.InvariantCulture) - 1, double.Parse(xy[1], CultureInfo.InvariantCulture) - 1))
            .ToArray();
    }

    private static Rect2d BoundsOf(Point2d[] points) => FaceBoxGeometry.BoundsOf(points);

    private static double Nme(Point2d[] predicted, Point2d[] truth) =>
        predicted.Zip(truth, (p, t) => p.DistanceTo(t)).Average() / truth[36].DistanceTo(truth[45]);
}
