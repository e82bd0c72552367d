using OpenCvSharp;

namespace FaceLab.Faces.Landmarks;

/// <summary>
/// Places the 68 iBUG 300-W points (0–16 jaw, 17–26 brows, 27–35 nose, 36–47 eyes, 48–67 mouth)
/// on the face inside <c>faceBox</c> of a BGR image, in image pixels (0-based pixel centres).
/// Instances are not thread-safe: create one per worker.
/// </summary>
public interface ILandmarker : IDisposable
{
    /// <summary>The name used on the command line (<c>--landmarks</c>) and stored in face metadata.</summary>
    string Name { get; }

    /// <summary>The 68 iBUG landmarks of the face in <paramref name="faceBox"/> of a BGR byte image, in its pixels.</summary>
    Point2d[] Locate(Mat bgrImage, Rect2d faceBox);
}
