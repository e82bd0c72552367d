using FaceLab.Faces.Alignment;
using OpenCvSharp;

namespace FaceLab.Training.Samples;

/// <summary>
/// A face ready for sampling: the model-resolution crop with a margin of context on every side
/// (<c>CV_8UC3</c> BGR, <see cref="Size"/>²), its landmarks in crop pixels, and the transform
/// from the face file's pixels into the crop. Owns <see cref="Image"/>.
/// </summary>
internal sealed class FaceCrop : IDisposable
{
    public FaceCrop(Mat image, Point2d[] landmarks, Affine2D faceToCrop, int margin)
    {
        Image = image;
        Landmarks = landmarks;
        FaceToCrop = faceToCrop;
        Margin = margin;
    }

    public Mat Image { get; }

    public int Size => Image.Rows;

    /// <summary>Pixels of context on each side around the model's square.</summary>
    public int Margin { get; }

    public Point2d[] Landmarks { get; }

    public Affine2D FaceToCrop { get; }

    public long Bytes => (long)Size * Size * 3;

    public void Dispose() => Image.Dispose();
}
