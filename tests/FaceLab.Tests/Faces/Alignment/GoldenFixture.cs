using System.Globalization;
using System.Text.Json;
using FaceLab.Tests.Support;
using OpenCvSharp;

namespace FaceLab.Tests.Faces.Alignment;

/// <summary>
/// Golden numbers from <c>Fixtures/make_golden.py</c> (numpy/OpenCV, written from the alignment
/// math in docs/alignment.md independently of the C#), read from the source tree, plus the shared .pts files they came from.
/// </summary>
internal static class GoldenFixture
{
    public static string FixturesFolder { get; } =
        Path.Combine(TestPaths.RepositoryRoot, "tests", "FaceLab.Tests", "Faces", "Alignment", "Fixtures");

    private static readonly Lazy<JsonDocument> Document = new(() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(FixturesFolder, "golden.json"))));

    public static JsonElement Root => Document.Value.RootElement;

    public static int Size => Root.GetProperty("size").GetInt32();

    public static IEnumerable<JsonElement> Faces => Root.GetProperty("faces").EnumerateArray();

    public static JsonElement Face(string pts) => Faces.Single(f => f.GetProperty("pts").GetString() == pts);

    /// <summary>The face names, for <c>[MemberData]</c>.</summary>
    public static TheoryData<string> FaceNames()
    {
        var data = new TheoryData<string>();
        foreach (var face in Faces) data.Add(face.GetProperty("pts").GetString()!);
        return data;
    }

    public static Point2d[] Landmarks(string pts) => ReadPts(Path.Combine(TestPaths.SharedLandmarks, pts));

    public static Size ImageSize(JsonElement face)
    {
        var s = face.GetProperty("image_size");
        return new Size(s[0].GetInt32(), s[1].GetInt32());
    }

    public static double[] Numbers(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetDouble())];

    /// <summary>An iBUG .pts file, converted from 1-based to 0-based pixel centres.</summary>
    public static Point2d[] ReadPts(string path)
    {
        var lines = File.ReadAllLines(path);
        var open = Array.FindIndex(lines, l => l.Trim() == "{");
        var points = lines.Skip(open + 1).TakeWhile(l => l.Trim() != "}")
            .Where(l => l.Trim().Length > 0)
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(v => new Point2d(
                double.Parse(v[0], CultureInfo.InvariantCulture) - 1,
                double.Parse(v[1], CultureInfo.InvariantCulture) - 1))
            .ToArray();
        Assert.Equal(68, points.Length);
        return points;
    }
}
