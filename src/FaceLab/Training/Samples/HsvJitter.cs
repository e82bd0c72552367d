using OpenCvSharp;

namespace FaceLab.Training.Samples;

/// <summary>
/// SAEHD's random HSV power: shifts a sample's hue by up to ±180°·power and its saturation and
/// value by up to ±power/2, so the model does not learn one lighting as part of the identity.
/// </summary>
internal static class HsvJitter
{
    /// <summary>Jitters a float BGR image in [0, 1] in place; draws three numbers from <paramref name="random"/>.</summary>
    public static void Apply(Mat image, double power, SampleRandom random)
    {
        var hue = random.NextSymmetric(180 * power);
        var saturation = random.NextSymmetric(power / 2);
        var value = random.NextSymmetric(power / 2);
        using var hsv = image.CvtColor(ColorConversionCodes.BGR2HSV);
        var channels = hsv.Split();
        try
        {
            // Float hue is in degrees, 0..360: shift, then wrap back into range.
            Cv2.Add(channels[0], new Scalar(hue), channels[0]);
            using (var below = channels[0].LessThan(0.0).ToMat())
                Cv2.Add(channels[0], new Scalar(360), channels[0], below);
            using (var above = channels[0].GreaterThanOrEqual(360.0).ToMat())
                Cv2.Subtract(channels[0], new Scalar(360), channels[0], above);
            Cv2.Add(channels[1], saturation, channels[1]);
            Cv2.Add(channels[2], value, channels[2]);
            foreach (var c in channels[1..])
            {
                Cv2.Min(c, 1.0, c);
                Cv2.Max(c, 0.0, c);
            }
            Cv2.Merge(channels, hsv);
            Cv2.CvtColor(hsv, image, ColorConversionCodes.HSV2BGR);
        }
        finally
        {
            foreach (var c in channels) c.Dispose();
        }
    }
}
