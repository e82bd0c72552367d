namespace FaceLab.Faces.Alignment;

/// <summary>Shapes of the landmark masks; the defaults are DeepFaceLab's.</summary>
internal sealed record MaskOptions
{
    public static MaskOptions Default { get; } = new();

    /// <summary>
    /// How far the brows are pushed up before the hull is drawn, in units of half their distance to
    /// the eye line: 1 (default) moves each brow point by half its distance from the eye, 0 keeps
    /// the brows where they are. Covers the lower forehead, which the 68 points do not reach.
    /// </summary>
    public double EyebrowsExpand { get; init; } = 1.0;

    /// <summary>
    /// Eye and mouth masks: diameter of the elliptic dilation as a fraction of the face size
    /// (default 1/32: 8 px on a 256 px face), so the mask covers lashes and lip edges.
    /// </summary>
    public double FeatureDilation { get; init; } = 1.0 / 32;

    /// <summary>
    /// Eye and mouth masks: Gaussian blur kernel as a fraction of the face size (default 1/16:
    /// 17 px on a 256 px face, rounded up to odd), so the loss weight fades out instead of stepping.
    /// </summary>
    public double FeatureBlur { get; init; } = 1.0 / 16;
}
