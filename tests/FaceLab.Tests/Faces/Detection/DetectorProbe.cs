using FaceLab.Faces.Detection;
using OpenCvSharp;

namespace FaceLab.Tests.Faces.Detection;

/// <summary>How well a detector's faces match an annotated face.</summary>
public static class DetectorProbe
{
    /// <summary>Grows a box about its centre by <paramref name="fraction"/> of its size on each axis.</summary>
    public static Rect2d Grow(Rect2d box, double fraction) =>
        new(box.X - box.Width * fraction / 2, box.Y - box.Height * fraction / 2, box.Width * (1 + fraction), box.Height * (1 + fraction));

    public static double FractionInside(Rect2d box, IReadOnlyList<Point2d> points) =>
        points.Count(p => p.X >= box.X && p.X <= box.X + box.Width && p.Y >= box.Y && p.Y <= box.Y + box.Height) / (double)points.Count;

    /// <summary>A short box text for test logs: (x,y wxh).</summary>
    public static string Format(Rect2d b) => $"({b.X:F0},{b.Y:F0} {b.Width:F0}x{b.Height:F0})";

    public static Point2d Centre(Rect2d box) => new(box.X + box.Width / 2, box.Y + box.Height / 2);

    /// <summary>The detected face holding most of the landmarks in its 15%-grown box, and that fraction.</summary>
    public static (DetectedFace? Face, double Inside) BestMatch(IReadOnlyList<DetectedFace> faces, AnnotatedFace truth) =>
        faces.Select(f => ((DetectedFace?)f, FractionInside(Grow(f.Box, 0.15), truth.Landmarks)))
            .DefaultIfEmpty((null, 0))
            .MaxBy(x => x.Item2);

    /// <summary>Reads an image as 8-bit BGR (grey and 16-bit files converted).</summary>
    public static Mat ReadBgr(string path)
    {
        using var raw = Cv2.ImRead(path, ImreadModes.Color);
        if (raw.Empty()) throw new FileNotFoundException($"cannot read image {path}");
        return raw.Clone();
    }
}
