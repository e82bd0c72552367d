using OpenCvSharp;

namespace FaceLab.Faces.Alignment;

/// <summary>Resamples between frame pixels and aligned-face pixels with a face-alignment transform.</summary>
internal static class FaceWarp
{
    /// <summary>The aligned <paramref name="outputSize"/>² face cut from <paramref name="image"/>.</summary>
    public static Mat ToFace(Mat image, Affine2D imageToFace, int outputSize, WarpOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentOutOfRangeException.ThrowIfLessThan(outputSize, 1);
        return Warp(image, imageToFace, new Size(outputSize, outputSize), options ?? WarpOptions.Extraction);
    }

    /// <summary>
    /// An aligned face (or mask) put back into frame coordinates (<paramref name="frameSize"/>),
    /// by the inverse of <paramref name="imageToFace"/>.
    /// </summary>
    public static Mat ToFrame(Mat face, Affine2D imageToFace, Size frameSize, WarpOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(face);
        return Warp(face, imageToFace.Inverse(), frameSize, options ?? WarpOptions.Merging);
    }

    private static Mat Warp(Mat source, Affine2D transform, Size size, WarpOptions options)
    {
        using var matrix = transform.ToMat();
        var result = new Mat();
        Cv2.WarpAffine(source, result, matrix, size, options.Interpolation, options.Border);
        return result;
    }
}
