namespace FaceLab.Faces.Detection;

/// <summary>Settings of <see cref="BlazeFaceDetector"/>.</summary>
/// <param name="Range">Full range (default) or short range model.</param>
/// <param name="ScoreThreshold">Minimum face probability; 0.5 is MediaPipe's default <c>min_detection_confidence</c>.</param>
/// <param name="NmsIouThreshold">Overlap above which the weaker of two boxes is dropped; 0.3 as in MediaPipe's graphs.</param>
internal sealed record BlazeFaceOptions(
    BlazeFaceRange Range = BlazeFaceRange.Full,
    float ScoreThreshold = 0.5f,
    float NmsIouThreshold = 0.3f);
