using FaceLab.Faces.Alignment;
using OpenCvSharp;

namespace FaceLab.Training.Samples;

/// <summary>
/// A face ready for sampling: the model-resolution crop with a margin of context on every side
/// (<c>CV_8UC3</c> BGR, <see cref="Size"/>²), its landmarks in crop pixels, and the transform
/// from the face file's pixels into the crop. Owns <see cref="Image"/>; when built by
/// <see cref="WithManagedPixels"/>, its pixels are managed memory, freed by the garbage collector once
/// the crop is unreachable even if no one disposes it.
/// </summary>
internal sealed class FaceCrop : IDisposable
{
    /// <summary>Keeps the managed pixels behind <see cref="Image"/> alive as long as the crop.</summary>
    private readonly byte[]? _pixels;

    public FaceCrop(Mat image, Point2d[] landmarks, Affine2D faceToCrop, int margin)
        : this(image, null, landmarks, faceToCrop, margin)
    {
    }

    private FaceCrop(Mat image, byte[]? pixels, Point2d[] landmarks, Affine2D faceToCrop, int margin)
    {
        _pixels = pixels;
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

    /// <summary>
    /// A crop holding a copy of <paramref name="image"/> (<c>CV_8UC3</c>) whose pixels live in an array
    /// of the pinned object heap: they never move under the <see cref="Mat"/> that views them, and they
    /// are managed memory, which the garbage collector sees and frees.
    /// </summary>
    internal static FaceCrop WithManagedPixels(Mat image, Point2d[] landmarks, Affine2D faceToCrop, int margin)
    {
        var pixels = GC.AllocateUninitializedArray<byte>(image.Rows * image.Cols * 3, pinned: true);
        var view = Mat.FromPixelData(image.Rows, image.Cols, MatType.CV_8UC3, System.Runtime.InteropServices.Marshal.UnsafeAddrOfPinnedArrayElement(pixels, 0));
        image.CopyTo(view);
        return new FaceCrop(view, pixels, landmarks, faceToCrop, margin);
    }

    public void Dispose() => Image.Dispose();
}
