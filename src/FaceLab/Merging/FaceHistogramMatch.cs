using FaceLab.Imaging.ColorTransfer;
using OpenCvSharp;

namespace FaceLab.Merging;

/// <summary>
/// hist-match: each colour channel of the prediction gets the dst face's histogram (or, in grey,
/// the grey levels'), optionally counting only pixels inside the face mask.
/// </summary>
internal static class FaceHistogramMatch
{
    private const int Bins = 256;

    /// <param name="face">The prediction, <c>CV_32FC3</c>; replaced by the matched image.</param>
    /// <param name="mask">Pixels counted (above 0.5), or null for the whole square.</param>
    /// <param name="threshold">0..255, DeepFaceLab's hist-match threshold.</param>
    public static Mat Match(Mat face, Mat destination, Mat? mask, int threshold, bool grey)
    {
        using var source = grey ? Grey(face) : face.Clone();
        using var target = grey ? Grey(destination) : destination.Clone();
        var pixels = ColorPixels.Read(source, nameof(face));
        var targetPixels = ColorPixels.Read(target, nameof(destination));
        var selection = mask is null ? null : ColorPixels.Selection(mask, face, nameof(mask));
        var channel = new float[pixels.Length / 3];
        var targetChannel = new float[pixels.Length / 3];
        for (var c = 0; c < 3; c++)
        {
            for (var i = 0; i < channel.Length; i++)
            {
                channel[i] = pixels[3 * i + c];
                targetChannel[i] = targetPixels[3 * i + c];
            }
            var targetSelected = selection is null ? targetChannel : [.. selection.Select(i => targetChannel[i])];
            var matched = HistogramMatching.Match(channel, selection, targetSelected, Bins, threshold / 255.0);
            for (var i = 0; i < channel.Length; i++) pixels[3 * i + c] = matched[i];
        }
        return ColorPixels.Write(pixels, face.Rows, face.Cols, clip: true);
    }

    private static Mat Grey(Mat bgr)
    {
        using var grey = new Mat();
        Cv2.CvtColor(bgr, grey, ColorConversionCodes.BGR2GRAY);
        var result = new Mat();
        Cv2.CvtColor(grey, result, ColorConversionCodes.GRAY2BGR);
        return result;
    }
}
