using OpenCvSharp;

namespace FaceLab.Imaging.ColorTransfer;

/// <summary>
/// rct (Reinhard et al. 2001): in L*a*b*, each channel of the source is shifted and scaled so its
/// mean and standard deviation become the target's. Lab decorrelates the channels well enough for
/// natural images that per-channel matching suffices.
/// </summary>
internal sealed class ReinhardColorTransfer : IColorTransfer
{
    /// <summary>Floor on a channel's standard deviation: a flat channel is shifted, not amplified without bound.</summary>
    private const double MinDeviation = 1e-6;

    public string Name => "rct";

    /// <summary>Clip the result to [0, 1] (default true); tests turn it off to check the statistics exactly.</summary>
    public bool Clip { get; init; } = true;

    public Mat Apply(Mat source, Mat target, Mat? sourceMask = null, Mat? targetMask = null, int seed = 0)
    {
        var sourceLab = LabPixels(source, nameof(source));
        var targetLab = LabPixels(target, nameof(target));
        var from = ColorStatistics.Of(sourceLab, ColorPixels.Selection(sourceMask, source, nameof(sourceMask)));
        var to = ColorStatistics.Of(targetLab, ColorPixels.Selection(targetMask, target, nameof(targetMask)));
        var fromStd = from.StandardDeviations;
        var toStd = to.StandardDeviations;
        var scale = Matrix3.Diagonal(
            toStd[0] / Math.Max(fromStd[0], MinDeviation),
            toStd[1] / Math.Max(fromStd[1], MinDeviation),
            toStd[2] / Math.Max(fromStd[2], MinDeviation));
        ColorStatistics.ApplyAffine(sourceLab, scale, from.Mean, to.Mean);

        using var lab = ColorPixels.Write(sourceLab, source.Rows, source.Cols, clip: false);
        using var bgr = new Mat();
        Cv2.CvtColor(lab, bgr, ColorConversionCodes.Lab2BGR);
        return ColorPixels.Write(ColorPixels.Read(bgr, nameof(source)), source.Rows, source.Cols, Clip);
    }

    /// <summary>Float L*a*b* (L 0..100, a and b about ±127) as interleaved values.</summary>
    internal static float[] LabPixels(Mat bgr, string name)
    {
        ColorPixels.Read(bgr, name); // validates the type
        using var lab = new Mat();
        Cv2.CvtColor(bgr, lab, ColorConversionCodes.BGR2Lab);
        return ColorPixels.Read(lab, name);
    }
}
