using OpenCvSharp;

namespace FaceLab.Faces.Detection;

/// <summary>Greedy non-maximum suppression and box overlap, shared by all detectors.</summary>
internal static class NonMaxSuppression
{
    /// <summary>Intersection area over union area; 0 for disjoint or empty boxes.</summary>
    public static double IntersectionOverUnion(Rect2d a, Rect2d b)
    {
        var intersection = IntersectionArea(a, b);
        var union = a.Width * a.Height + b.Width * b.Height - intersection;
        return union > 0 ? intersection / union : 0;
    }

    /// <summary>Intersection area over the smaller box's area (catches a box nested inside another).</summary>
    public static double IntersectionOverMinimum(Rect2d a, Rect2d b)
    {
        var intersection = IntersectionArea(a, b);
        var smaller = Math.Min(a.Width * a.Height, b.Width * b.Height);
        return smaller > 0 ? intersection / smaller : 0;
    }

    /// <summary>
    /// Keeps the best-scoring face and drops every other face overlapping it by more than
    /// <paramref name="iouThreshold"/> (intersection over union), then repeats with the rest.
    /// Returns the kept faces, best score first.
    /// </summary>
    public static List<DetectedFace> Apply(IEnumerable<DetectedFace> faces, double iouThreshold)
    {
        var kept = new List<DetectedFace>();
        foreach (var face in faces.OrderByDescending(f => f.Score))
        {
            var overlapsKept = false;
            foreach (var k in kept)
            {
                if (IntersectionOverUnion(k.Box, face.Box) > iouThreshold) { overlapsKept = true; break; }
            }
            if (!overlapsKept) kept.Add(face);
        }
        return kept;
    }

    /// <summary>The order <see cref="IFaceDetector.Detect"/> promises: largest box first, then best score.</summary>
    public static IReadOnlyList<DetectedFace> LargestFirst(IEnumerable<DetectedFace> faces) =>
        faces.OrderByDescending(f => f.Area).ThenByDescending(f => f.Score).ToList();

    private static double IntersectionArea(Rect2d a, Rect2d b)
    {
        var w = Math.Min(a.X + a.Width, b.X + b.Width) - Math.Max(a.X, b.X);
        var h = Math.Min(a.Y + a.Height, b.Y + b.Height) - Math.Max(a.Y, b.Y);
        return w > 0 && h > 0 ? w * h : 0;
    }
}
