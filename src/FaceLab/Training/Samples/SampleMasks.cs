using FaceLab.Faces.Alignment;
using OpenCvSharp;

namespace FaceLab.Training.Samples;

/// <summary>The masks of a sample, drawn from its (transformed, re-indexed) landmarks at the sample size.</summary>
internal static class SampleMasks
{
    /// <summary>The face hull, blurred by <see cref="SampleOptions.MaskBlur"/>; <c>CV_32FC1</c> 0..1.</summary>
    public static Mat Face(Point2d[] landmarks, int resolution, SampleOptions options)
    {
        var mask = FaceMasks.Hull(landmarks, new Size(resolution, resolution), options.Masks);
        var kernel = (int)Math.Floor(resolution * options.MaskBlur) | 1;
        if (kernel > 1)
        {
            Cv2.GaussianBlur(mask, mask, new Size(kernel, kernel), 0);
            Cv2.Min(mask, 1.0, mask);
        }
        return mask;
    }

    /// <summary>Union of the eye and inner-mouth masks; <c>CV_32FC1</c> 0..1.</summary>
    public static Mat EyesAndMouth(Point2d[] landmarks, int resolution, SampleOptions options)
    {
        var size = new Size(resolution, resolution);
        var eyes = FaceMasks.Eyes(landmarks, size, options.Masks, resolution);
        using var mouth = FaceMasks.Mouth(landmarks, size, options.Masks, resolution);
        Cv2.Max(eyes, mouth, eyes);
        return eyes;
    }
}
