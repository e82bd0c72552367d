namespace FaceLab.FaceSets.Features;

/// <summary>
/// Everything the sort methods compare, computed once per face file content (see
/// <see cref="FaceFeatureCache"/>). Angles in degrees, image measures on 0..255 pixel values.
/// </summary>
public sealed record FaceFeatures
{
    /// <summary>Mean Sobel gradient energy (dx² + dy²) inside the face hull mask: high = sharp.</summary>
    public required float Sharpness { get; init; }

    /// <summary>Variance of the Laplacian inside the hull mask: motion smears edges and lowers it.</summary>
    public required float LaplacianVariance { get; init; }

    /// <summary>Head yaw from the aligned landmarks (positive: turned towards image left).</summary>
    public required float YawDegrees { get; init; }

    /// <summary>Head pitch from the aligned landmarks (positive: looking up).</summary>
    public required float PitchDegrees { get; init; }

    /// <summary>√(width·height) of the detector box in frame pixels: how large the face was in the frame.</summary>
    public required float SourceRectSize { get; init; }

    /// <summary>Mean V of HSV inside the hull mask (0..255).</summary>
    public required float Brightness { get; init; }

    /// <summary>
    /// Mean H of HSV inside the hull mask (OpenCV 8-bit hue, 0..180), taken on the hue circle so
    /// that reds at 178 and 2 average to 0, not 90.
    /// </summary>
    public required float Hue { get; init; }

    /// <summary>Share of the whole image (0..1) whose pixels are black in all channels (≤ 8: JPEG keeps black borders near 0).</summary>
    public required float BlackShare { get; init; }

    /// <summary>The frame the face came from (metadata <c>source_filename</c>).</summary>
    public required string SourceFilename { get; init; }

    /// <summary><see cref="FaceHistogram.Length"/> floats: square roots of the normalised B, G, R histograms.</summary>
    public required float[] Histogram { get; init; }
}
