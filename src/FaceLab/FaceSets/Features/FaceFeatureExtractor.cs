using FaceLab.Faces.Alignment;
using FaceLab.Faces.Files;
using OpenCvSharp;

namespace FaceLab.FaceSets.Features;

/// <summary>Computes the <see cref="FaceFeatures"/> of one aligned face image (BGR) with its metadata.</summary>
internal static class FaceFeatureExtractor
{
    /// <summary>A pixel whose three channels are all at most this is black (JPEG leaves warp borders near, not at, 0).</summary>
    public const int BlackLevel = 8;

    /// <summary>OpenCV's 8-bit hue runs 0..179 (degrees halved).</summary>
    private const int HuePeriod = 180;

    public static FaceFeatures Compute(Mat image, FaceMetadata metadata)
    {
        var size = image.Size();
        using var gray = image.CvtColor(ColorConversionCodes.BGR2GRAY);
        using var mask = HullMask(metadata, size);

        using var dx = new Mat();
        using var dy = new Mat();
        Cv2.Sobel(gray, dx, MatType.CV_32F, 1, 0, 3);
        Cv2.Sobel(gray, dy, MatType.CV_32F, 0, 1, 3);
        using var energy = new Mat();
        Cv2.Magnitude(dx, dy, energy);
        Cv2.Multiply(energy, energy, energy);
        var sharpness = Cv2.Mean(energy, mask).Val0;

        using var laplacian = new Mat();
        Cv2.Laplacian(gray, laplacian, MatType.CV_32F, 3);
        Cv2.MeanStdDev(laplacian, out _, out var stdDev, mask);

        using var hsv = image.CvtColor(ColorConversionCodes.BGR2HSV);
        var hsvMean = Cv2.Mean(hsv, mask);

        using var black = new Mat();
        Cv2.InRange(image, Scalar.All(0), Scalar.All(BlackLevel), black);
        var blackShare = (double)Cv2.CountNonZero(black) / (size.Width * (double)size.Height);

        var pose = Pose(metadata, size);
        var r = metadata.SourceRect;
        return new FaceFeatures
        {
            Sharpness = (float)sharpness,
            LaplacianVariance = (float)(stdDev.Val0 * stdDev.Val0),
            YawDegrees = (float)pose.YawDegrees,
            PitchDegrees = (float)pose.PitchDegrees,
            SourceRectSize = (float)Math.Sqrt(Math.Abs((r[2] - r[0]) * (r[3] - r[1]))),
            Brightness = (float)hsvMean.Val2,
            Hue = (float)CircularMeanHue(hsv, mask),
            BlackShare = (float)blackShare,
            SourceFilename = metadata.SourceFilename,
            Histogram = Histogram(image),
        };
    }

    /// <summary>The face hull as a byte mask; the whole image when the hull is empty (landmarks off the image).</summary>
    private static Mat HullMask(FaceMetadata metadata, Size size)
    {
        using var hull = FaceMasks.Hull(metadata.Landmarks, size);
        var mask = new Mat();
        Cv2.Threshold(hull, hull, 0.5, 255, ThresholdTypes.Binary);
        hull.ConvertTo(mask, MatType.CV_8UC1);
        if (Cv2.CountNonZero(mask) == 0) mask.SetTo(Scalar.All(255));
        return mask;
    }

    /// <summary>Head pose from the aligned landmarks at the aligned size (as DeepFaceLab); a failed fit counts as frontal.</summary>
    private static HeadPose Pose(FaceMetadata metadata, Size size)
    {
        try
        {
            return HeadPose.Estimate(metadata.Landmarks, size);
        }
        catch (OpenCVException)
        {
            return default;
        }
    }

    /// <summary>Circular mean of the 8-bit hue (period 180) from a masked 180-bin hue histogram.</summary>
    private static double CircularMeanHue(Mat hsv, Mat mask)
    {
        using var hist = new Mat();
        Cv2.CalcHist([hsv], [0], mask, hist, 1, [HuePeriod], [new Rangef(0, HuePeriod)]);
        double sin = 0, cos = 0;
        for (var h = 0; h < HuePeriod; h++)
        {
            var angle = 2 * Math.PI * h / HuePeriod;
            sin += hist.At<float>(h) * Math.Sin(angle);
            cos += hist.At<float>(h) * Math.Cos(angle);
        }
        var mean = Math.Atan2(sin, cos) * HuePeriod / (2 * Math.PI);
        return mean < 0 ? mean + HuePeriod : mean;
    }

    private static float[] Histogram(Mat image)
    {
        var result = new float[FaceHistogram.Length];
        var total = (float)(image.Width * (double)image.Height);
        for (var c = 0; c < FaceHistogram.Channels; c++)
        {
            using var hist = new Mat();
            Cv2.CalcHist([image], [c], null, hist, 1, [FaceHistogram.Bins], [new Rangef(0, 256)]);
            for (var b = 0; b < FaceHistogram.Bins; b++)
                result[c * FaceHistogram.Bins + b] = MathF.Sqrt(hist.At<float>(b) / total);
        }
        return result;
    }
}
