namespace FaceLab.Faces.Extraction;

/// <summary>What an extraction run did.</summary>
/// <param name="Frames">Frames in the input folder.</param>
/// <param name="Processed">Frames processed by this run (the rest were finished earlier).</param>
/// <param name="FacesWritten">Face files written by this run.</param>
/// <param name="FramesWithoutFaces">All frames (this run and earlier) that gave no face: candidates for <c>--fix</c>.</param>
public sealed record FaceExtractionReport(int Frames, int Processed, int FacesWritten, IReadOnlyList<string> FramesWithoutFaces);
