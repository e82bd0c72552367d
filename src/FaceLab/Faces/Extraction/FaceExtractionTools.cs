using FaceLab.Faces.Detection;
using FaceLab.Faces.Landmarks;

namespace FaceLab.Faces.Extraction;

/// <summary>
/// The detector and landmarker an extraction uses, by name (stored in each face's metadata) and
/// factory (each worker creates its own instances: they are not thread-safe).
/// </summary>
public sealed record FaceExtractionTools(
    string DetectorName, Func<IFaceDetector> CreateDetector,
    string LandmarkerName, Func<ILandmarker> CreateLandmarker);
