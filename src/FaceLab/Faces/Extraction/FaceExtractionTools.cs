using FaceLab.Faces.Detection;
using FaceLab.Faces.Landmarks;

namespace FaceLab.Faces.Extraction;

/// <summary>
/// The detector and landmarker an extraction uses, by name (stored in each face's metadata) and
/// factory (each worker creates its own instances: they are not thread-safe).
/// </summary>
public sealed record FaceExtractionTools(
    string DetectorName, Func<IFaceDetector> CreateDetector,
    string LandmarkerName, Func<ILandmarker> CreateLandmarker)
{
    /// <summary>The tools of a detector and a landmarker from their registries.</summary>
    public static FaceExtractionTools From(FaceDetectorDescriptor detector, LandmarkerDescriptor landmarker) =>
        new(detector.Name, detector.Create, landmarker.Name, landmarker.Create);

    /// <summary>The defaults: UltraFace and dlib.</summary>
    public static FaceExtractionTools Default => From(FaceDetectors.Get(FaceDetectors.DefaultName), FaceLandmarkers.Default);
}
