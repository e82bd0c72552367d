namespace FaceLab.Faces.Detection;

/// <summary>Settings of <see cref="MtcnnDetector"/>; defaults are face-api.js's.</summary>
/// <param name="MinFaceSize">Smallest face searched for, in pixels: sets the first pyramid scale (12 / 20).</param>
/// <param name="ScaleFactor">Ratio between pyramid levels (0.709 ≈ 1/√2: each level halves the area).</param>
/// <param name="MaxScales">At most this many pyramid levels, largest scale first.</param>
/// <param name="ProposalThreshold">P-net score a window needs (0.6).</param>
/// <param name="RefineThreshold">R-net score a candidate needs (0.7).</param>
/// <param name="OutputThreshold">O-net score a face needs; it becomes the face's score (0.7).</param>
internal sealed record MtcnnOptions(
    int MinFaceSize = 20,
    double ScaleFactor = 0.709,
    int MaxScales = 10,
    float ProposalThreshold = 0.6f,
    float RefineThreshold = 0.7f,
    float OutputThreshold = 0.7f);
