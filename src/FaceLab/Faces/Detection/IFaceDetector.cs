using OpenCvSharp;

namespace FaceLab.Faces.Detection;

/// <summary>
/// Finds faces in a BGR image. Results are in the image's pixels, after non-maximum
/// suppression, largest first. Instances hold model state and are not thread-safe:
/// create one per worker.
/// </summary>
public interface IFaceDetector : IDisposable
{
    /// <summary>The name used on the command line (<c>--detector</c>) and stored in face metadata.</summary>
    string Name { get; }

    /// <summary>How this detector's boxes relate to the landmark box a landmarker expects.</summary>
    LandmarkBoxFit LandmarkBox { get; }

    /// <summary>The faces in a BGR byte image, in its pixels.</summary>
    IReadOnlyList<DetectedFace> Detect(Mat bgrImage);
}
