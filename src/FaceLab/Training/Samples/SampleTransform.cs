using FaceLab.Faces.Alignment;

namespace FaceLab.Training.Samples;

/// <summary>
/// One sample's random geometry, drawn from <see cref="SampleTransformOptions"/>: rotation and zoom
/// about the sample centre, shift, and the horizontal flip. Pixel centres sit at integer
/// coordinates (OpenCV's convention), so a flip maps x to R − 1 − x exactly like <c>Cv2.Flip</c>.
/// </summary>
internal readonly record struct SampleTransform(double RotationDegrees, double Scale, double ShiftX, double ShiftY, bool Flip)
{
    /// <summary>Draws rotation, scale, then shift x and y (in that order: the order is part of determinism).</summary>
    public static SampleTransform Draw(SampleTransformOptions options, int resolution, bool flip, SampleRandom random) => new(
        random.NextSymmetric(options.RotationDegrees),
        1 + random.NextSymmetric(options.Scale),
        random.NextSymmetric(options.Shift) * resolution,
        random.NextSymmetric(options.Shift) * resolution,
        flip);

    /// <summary>Model-square pixels → sample pixels.</summary>
    public Affine2D ToAffine(int resolution)
    {
        var centre = (resolution - 1) / 2.0;
        var angle = RotationDegrees * Math.PI / 180;
        double cos = Math.Cos(angle) * Scale, sin = Math.Sin(angle) * Scale;
        // q' = c + s·R(θ)·(q − c) + shift
        var rotate = new Affine2D(
            cos, -sin, centre - cos * centre + sin * centre + ShiftX,
            sin, cos, centre - sin * centre - cos * centre + ShiftY);
        return Flip ? new Affine2D(-1, 0, resolution - 1, 0, 1, 0).After(rotate) : rotate;
    }
}
