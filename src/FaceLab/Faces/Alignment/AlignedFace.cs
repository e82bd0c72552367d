using OpenCvSharp;

namespace FaceLab.Faces.Alignment;

/// <summary>
/// A face cut out of a frame: the aligned image, its transform from frame pixels, and the
/// landmarks in both spaces. Owns <see cref="Image"/>.
/// </summary>
internal sealed class AlignedFace : IDisposable
{
    private AlignedFace(Mat image, FaceType faceType, Affine2D imageToFace, Point2d[] frameLandmarks, Point2d[] landmarks)
    {
        Image = image;
        FaceType = faceType;
        ImageToFace = imageToFace;
        FrameLandmarks = frameLandmarks;
        Landmarks = landmarks;
    }

    public Mat Image { get; }

    public FaceType FaceType { get; }

    public int Size => Image.Rows;

    public Affine2D ImageToFace { get; }

    public Affine2D FaceToImage => ImageToFace.Inverse();

    /// <summary>The 68 landmarks in frame pixels, as given.</summary>
    public IReadOnlyList<Point2d> FrameLandmarks { get; }

    /// <summary>The 68 landmarks in aligned-face pixels.</summary>
    public IReadOnlyList<Point2d> Landmarks { get; }

    /// <summary>Aligns and cuts the face with <paramref name="frameLandmarks"/> out of <paramref name="frame"/>.</summary>
    public static AlignedFace Extract(
        Mat frame, IReadOnlyList<Point2d> frameLandmarks, FaceType faceType, int size,
        AlignmentOptions? alignment = null, WarpOptions? warp = null)
    {
        var transform = FaceAligner.ImageToFace(frameLandmarks, faceType, size, alignment);
        var image = FaceWarp.ToFace(frame, transform, size, warp ?? WarpOptions.Extraction);
        return new AlignedFace(image, faceType, transform, [.. frameLandmarks], transform.Apply(frameLandmarks));
    }

    public void Dispose() => Image.Dispose();
}
