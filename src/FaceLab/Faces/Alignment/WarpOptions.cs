using OpenCvSharp;

namespace FaceLab.Faces.Alignment;

/// <summary>How <see cref="FaceWarp"/> resamples an image.</summary>
/// <param name="Interpolation">Resampling filter. Default Lanczos (8×8), the sharpest, for extraction.</param>
/// <param name="Border">
/// Pixels outside the source. Default replicate: a face near the frame edge gets smeared edge
/// colours rather than black, which trains better and hides the frame edge from the model.
/// </param>
internal sealed record WarpOptions(
    InterpolationFlags Interpolation = InterpolationFlags.Lanczos4,
    BorderTypes Border = BorderTypes.Replicate)
{
    /// <summary>Extraction: Lanczos, replicated border (DeepFaceLab's choice).</summary>
    public static WarpOptions Extraction { get; } = new();

    /// <summary>
    /// Merging: cubic (cheaper, and no Lanczos ringing on a predicted face), constant-zero border so
    /// that nothing is invented outside the face; the merge mask limits the blend anyway.
    /// </summary>
    public static WarpOptions Merging { get; } = new(InterpolationFlags.Cubic, BorderTypes.Constant);
}
