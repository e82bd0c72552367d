using FaceLab.Faces.Alignment;
using FaceLab.Tests.Faces.Detection;
using OpenCvSharp;

namespace FaceLab.Tests.Imaging.ColorTransfer;

/// <summary>Real faces as float BGR images, aligned (full face) at 128 px, with their hull masks.</summary>
internal static class ColorTestImages
{
    public const int Size = 128;

    /// <summary>The face of annotated photo <paramref name="index"/> as <c>CV_32FC3</c> in [0, 1].</summary>
    public static Mat Face(int index)
    {
        var annotated = AnnotatedFace.All[index];
        using var frame = Cv2.ImRead(annotated.ImagePath, ImreadModes.Color);
        using var face = AlignedFace.Extract(frame, annotated.Landmarks, FaceType.Full, Size);
        var result = new Mat();
        face.Image.ConvertTo(result, MatType.CV_32FC3, 1.0 / 255);
        return result;
    }

    public static Mat HullMask(int index)
    {
        var annotated = AnnotatedFace.All[index];
        var landmarks = FaceAligner.ImageToFace(annotated.Landmarks, FaceType.Full, Size).Apply(annotated.Landmarks);
        return FaceMasks.Hull(landmarks, new Size(Size, Size));
    }

    /// <summary>A blue-tinted, darker, lower-contrast version: a clearly different colour distribution.</summary>
    public static Mat Tinted(Mat image)
    {
        var result = new Mat();
        Cv2.Multiply(image, new Scalar(0.9, 0.6, 0.45), result);
        Cv2.Add(result, new Scalar(0.08, 0.05, 0.02), result);
        return result;
    }

    /// <summary>Pixels (float BGR triples) of an image, optionally only where the mask is above 0.5.</summary>
    public static List<Vec3f> Pixels(Mat image, Mat? mask = null)
    {
        var pixels = new List<Vec3f>();
        int rows = image.Rows, cols = image.Cols;
        for (var y = 0; y < rows; y++)
            for (var x = 0; x < cols; x++)
                if (mask is null || mask.At<float>(y, x) > 0.5f) pixels.Add(image.At<Vec3f>(y, x));
        return pixels;
    }
}
