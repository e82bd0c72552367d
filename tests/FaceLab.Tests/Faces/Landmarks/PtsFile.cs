using System.Globalization;
using OpenCvSharp;

namespace FaceLab.Tests.Faces.Landmarks;

/// <summary>
/// Reads iBUG/300-W <c>.pts</c> annotations: <c>version: 1</c>, <c>n_points: N</c>, <c>{</c>,
/// N lines "x y", <c>}</c>. The files are 1-based; points come back as 0-based pixel centres.
/// </summary>
public static class PtsFile
{
    public static Point2d[] Read(string path)
    {
        var lines = File.ReadAllLines(path).Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
        var countLine = lines.FirstOrDefault(l => l.StartsWith("n_points:", StringComparison.Ordinal))
            ?? throw new InvalidDataException($"{path}: no n_points line");
        var count = int.Parse(countLine["n_points:".Length..].Trim(), CultureInfo.InvariantCulture);
        var open = lines.IndexOf("{");
        if (open < 0 || lines.Count < open + count + 2 || lines[open + count + 1] != "}")
            throw new InvalidDataException($"{path}: expected {count} points between braces");
        return lines.Skip(open + 1).Take(count).Select(l =>
        {
            var xy = l.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return new Point2d(double.Parse(xy[0], CultureInfo.InvariantCulture) - 1, double.Parse(xy[1], CultureInfo.InvariantCulture) - 1);
        }).ToArray();
    }
}
