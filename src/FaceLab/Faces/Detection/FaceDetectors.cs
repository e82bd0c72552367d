using FaceLab.Common;

namespace FaceLab.Faces.Detection;

/// <summary>The registry of face detectors by command-line name; the first is the default.</summary>
public static class FaceDetectors
{
    /// <summary>The detector used when none is named.</summary>
    public const string DefaultName = "ultraface";

    /// <summary>Every detector by name, in the order help lists them.</summary>
    public static Registry<FaceDetectorDescriptor> Registry { get; } = new("face detector",
    [
        new(DefaultName, "UltraFace RFB-320 (ONNX): fast, small faces, no keypoints",
            () => new UltraFaceDetector()),
        new("blazeface", "MediaPipe BlazeFace full range (TFLite): boxes + 6 keypoints",
            () => new BlazeFaceDetector(new BlazeFaceOptions(BlazeFaceRange.Full))),
        new("blazeface-short", "MediaPipe BlazeFace short range: close-ups only, + 6 keypoints",
            () => new BlazeFaceDetector(new BlazeFaceOptions(BlazeFaceRange.Short))),
        new("mtcnn", "MTCNN (face-api.js weights): P/R/O-net cascade, + 5 keypoints; slower",
            () => new MtcnnDetector()),
        new("haar", "OpenCV Haar cascade: frontal faces, no download, more false alarms",
            () => new HaarCascadeDetector()),
    ], d => d.Name);

    /// <summary>The detectors in listing order.</summary>
    public static IReadOnlyList<FaceDetectorDescriptor> All => Registry.Items;

    /// <summary>Their names.</summary>
    public static IEnumerable<string> Names => Registry.Names;

    /// <summary>The descriptor named <paramref name="name"/> (case-insensitive), or an error listing the choices.</summary>
    public static FaceDetectorDescriptor Get(string name) => Registry.Get(name);

    /// <summary>A new detector called <paramref name="name"/>.</summary>
    public static IFaceDetector Create(string name) => Get(name).Create();
}
