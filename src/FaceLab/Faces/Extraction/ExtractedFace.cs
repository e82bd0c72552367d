using FaceLab.Faces.Alignment;
using OpenCvSharp;

namespace FaceLab.Faces.Extraction;

/// <summary>One face found in a frame: the aligned crop and where it came from. Owns the crop.</summary>
internal sealed class ExtractedFace(AlignedFace aligned, Rect2d sourceRect, int rotation) : IDisposable
{
    public AlignedFace Aligned { get; } = aligned;

    /// <summary>The detector box in frame pixels (for manual boxes: the box given).</summary>
    public Rect2d SourceRect { get; } = sourceRect;

    /// <summary>Clockwise rotation of the frame (0, 90, 180, 270) at which the face was found.</summary>
    public int Rotation { get; } = rotation;

    public void Dispose() => Aligned.Dispose();
}
