using OpenCvSharp;

namespace FaceLab.Merging;

/// <summary>The dst frames before and after the one being merged (null at the ends or when not read); owned by the caller.</summary>
internal sealed record NeighbourFrames(Mat? Previous, Mat? Next);
