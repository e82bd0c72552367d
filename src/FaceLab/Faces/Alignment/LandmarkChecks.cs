using OpenCvSharp;

namespace FaceLab.Faces.Alignment;

internal static class LandmarkChecks
{
    public const int Count = 68;

    public static void Require68(IReadOnlyList<Point2d> landmarks, string name = "landmarks")
    {
        ArgumentNullException.ThrowIfNull(landmarks, name);
        if (landmarks.Count != Count)
            throw new ArgumentException($"expected {Count} iBUG landmarks, got {landmarks.Count}", name);
        foreach (var p in landmarks)
            if (!double.IsFinite(p.X) || !double.IsFinite(p.Y))
                throw new ArgumentException("landmarks must be finite numbers", name);
    }
}
