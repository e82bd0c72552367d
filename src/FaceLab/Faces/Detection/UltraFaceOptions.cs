namespace FaceLab.Faces.Detection;

/// <summary>Settings of <see cref="UltraFaceDetector"/>.</summary>
/// <param name="ScoreThreshold">Minimum face probability; 0.7 is the value of the model's original demo code.</param>
/// <param name="NmsIouThreshold">Overlap above which the weaker of two boxes is dropped; 0.3 as in the original demo.</param>
/// <param name="Letterbox">
/// Fit the frame into the 320×240 input keeping its aspect ratio (black bars) instead of stretching it.
/// Off by default: the model was trained on stretched inputs and finds more faces that way (see the tests).
/// </param>
/// <param name="IntraOpThreads">ONNX Runtime threads for one detection; 1 because the pipeline runs one detector per worker.</param>
internal sealed record UltraFaceOptions(
    float ScoreThreshold = 0.7f,
    float NmsIouThreshold = 0.3f,
    bool Letterbox = false,
    int IntraOpThreads = 1);
