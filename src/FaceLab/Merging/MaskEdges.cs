using FaceLab.Faces.Alignment;
using OpenCvSharp;

namespace FaceLab.Merging;

/// <summary>
/// Erode (negative: dilate) then blur of a frame-space merge mask, DeepFaceLab's order, with
/// kernels sized from the face's size in the frame so that the same settings look the same on a
/// small and a large face.
/// </summary>
internal static class MaskEdges
{
    public static int ErodePixels(double faceSize, MergeOptions options) =>
        FaceMasks.DilationPixels(faceSize, MergeOptions.MaskShareOfFace * Math.Abs(options.Erode) / 100.0);

    public static int BlurPixels(double faceSize, MergeOptions options) =>
        FaceMasks.BlurPixels(faceSize, MergeOptions.MaskShareOfFace * options.Blur / 100.0);

    /// <summary>How far beyond the face square the mask can reach after dilation and blur.</summary>
    public static int Reach(double faceSize, MergeOptions options) =>
        (options.Erode < 0 ? ErodePixels(faceSize, options) : 0) + BlurPixels(faceSize, options);

    /// <summary>Applies both to <paramref name="mask"/> (<c>CV_32FC1</c>) in place; the result stays in [0, 1].</summary>
    public static void Apply(Mat mask, double faceSize, MergeOptions options)
    {
        var erode = ErodePixels(faceSize, options);
        if (erode > 1)
        {
            using var kernel = Cv2.GetStructuringElement(MorphShapes.Ellipse, new Size(erode, erode));
            if (options.Erode > 0) Cv2.Erode(mask, mask, kernel);
            else Cv2.Dilate(mask, mask, kernel);
        }
        var blur = BlurPixels(faceSize, options);
        if (blur > 1) Cv2.GaussianBlur(mask, mask, new Size(blur, blur), 0);
        FaceFilters.Clip(mask);
    }
}
