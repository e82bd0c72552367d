using OpenCvSharp;

namespace FaceLab.Faces.Detection;

/// <summary>
/// A face found by a detector, in frame pixels. <see cref="Keypoints"/> are the model's own
/// points (BlazeFace: 6, MTCNN: 5 — eyes, nose, mouth corners) or empty.
/// </summary>
public sealed record DetectedFace(Rect2d Box, float Score, IReadOnlyList<Point2d> Keypoints)
{
    /// <summary>The box's area in pixels².</summary>
    public double Area => Box.Width * Box.Height;
}
