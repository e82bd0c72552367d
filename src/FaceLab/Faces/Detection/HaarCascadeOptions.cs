namespace FaceLab.Faces.Detection;

/// <summary>Settings of <see cref="HaarCascadeDetector"/>.</summary>
/// <param name="ScaleFactor">Step between pyramid levels; 1.1 is OpenCV's default.</param>
/// <param name="MinNeighbors">
/// Raw windows a face needs (more than this many) to be kept; 5 trades a few misses for far
/// fewer false alarms than OpenCV's default of 3.
/// </param>
/// <param name="NeighborsForFullScore">
/// The cascade has no probability: the score is the number of raw windows merged into the face
/// divided by this, capped at 1.
/// </param>
internal sealed record HaarCascadeOptions(
    double ScaleFactor = 1.1,
    int MinNeighbors = 5,
    int NeighborsForFullScore = 20);
