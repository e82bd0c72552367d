using OpenCvSharp;

namespace FaceLab.Faces.Landmarks;

/// <summary>Box arithmetic the landmarkers share to turn a detector box into their model's crop.</summary>
internal static class FaceBoxGeometry
{
    /// <summary>The axis-aligned bounding box of <paramref name="points"/>.</summary>
    public static Rect2d BoundsOf(IReadOnlyList<Point2d> points)
    {
        if (points.Count == 0) throw new ArgumentException("no points", nameof(points));
        double x0 = double.MaxValue, y0 = double.MaxValue, x1 = double.MinValue, y1 = double.MinValue;
        foreach (var p in points)
        {
            x0 = Math.Min(x0, p.X); y0 = Math.Min(y0, p.Y);
            x1 = Math.Max(x1, p.X); y1 = Math.Max(y1, p.Y);
        }
        return new Rect2d(x0, y0, x1 - x0, y1 - y0);
    }

    public static Point2d Centre(Rect2d box) => new(box.X + box.Width / 2, box.Y + box.Height / 2);

    /// <summary>
    /// A square of side <paramref name="scale"/> × the box's longer side, centred on the box centre
    /// moved by (<paramref name="shiftX"/>, <paramref name="shiftY"/>) × that longer side.
    /// </summary>
    public static Rect2d Square(Rect2d box, double scale, double shiftX = 0, double shiftY = 0)
    {
        var longer = Math.Max(box.Width, box.Height);
        var side = longer * scale;
        var c = Centre(box);
        return new Rect2d(c.X + shiftX * longer - side / 2, c.Y + shiftY * longer - side / 2, side, side);
    }

    /// <summary>Rejects boxes no landmarker can use (empty, NaN, infinite), naming the box.</summary>
    internal static void Validate(Rect2d box)
    {
        if (!(box.Width > 0 && box.Height > 0) || !double.IsFinite(box.X) || !double.IsFinite(box.Y) || !double.IsFinite(box.Width) || !double.IsFinite(box.Height))
            throw new ArgumentException($"face box {box} is empty or not finite", nameof(box));
    }
}
