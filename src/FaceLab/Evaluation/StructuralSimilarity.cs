using OpenCvSharp;

namespace FaceLab.Evaluation;

/// <summary>
/// SSIM (Wang et al. 2004) of two same-sized images with values in [0, 1]: local means, variances
/// and covariance under an 11×11 Gaussian window of σ 1.5, C1 = 0.01², C2 = 0.03², averaged over
/// the image and the channels.
/// </summary>
internal static class StructuralSimilarity
{
    private const double C1 = 0.01 * 0.01;
    private const double C2 = 0.03 * 0.03;
    private static readonly Size Window = new(11, 11);
    private const double Sigma = 1.5;

    public static double Of(Mat a, Mat b)
    {
        if (a.Size() != b.Size() || a.Channels() != b.Channels()) throw new ArgumentException("SSIM needs images of one size and channel count", nameof(b));
        using var x = new Mat();
        using var y = new Mat();
        a.ConvertTo(x, MatType.CV_64FC(a.Channels()));
        b.ConvertTo(y, MatType.CV_64FC(b.Channels()));
        using var muX = Blur(x);
        using var muY = Blur(y);
        using var muXX = Product(muX, muX);
        using var muYY = Product(muY, muY);
        using var muXY = Product(muX, muY);
        using var sXX = Covariance(x, x, muXX);
        using var sYY = Covariance(y, y, muYY);
        using var sXY = Covariance(x, y, muXY);
        using var numerator = Product(Affine(muXY, 2, C1), Affine(sXY, 2, C2), disposeInputs: true);
        using var meanSquares = new Mat();
        Cv2.Add(muXX, muYY, meanSquares);
        using var variances = new Mat();
        Cv2.Add(sXX, sYY, variances);
        using var denominator = Product(Affine(meanSquares, 1, C1), Affine(variances, 1, C2), disposeInputs: true);
        using var map = new Mat();
        Cv2.Divide(numerator, denominator, map);
        var mean = Cv2.Mean(map);
        return Enumerable.Range(0, a.Channels()).Average(c => mean[c]);
    }

    /// <summary>Local covariance: blur(a·b) − μaμb.</summary>
    private static Mat Covariance(Mat a, Mat b, Mat meanProduct)
    {
        using var product = Product(a, b);
        using var blurred = Blur(product);
        var result = new Mat();
        Cv2.Subtract(blurred, meanProduct, result);
        return result;
    }

    private static Mat Product(Mat a, Mat b, bool disposeInputs = false)
    {
        var result = new Mat();
        Cv2.Multiply(a, b, result);
        if (disposeInputs)
        {
            a.Dispose();
            b.Dispose();
        }
        return result;
    }

    /// <summary>scale·image + offset, a new Mat.</summary>
    private static Mat Affine(Mat image, double scale, double offset)
    {
        var result = new Mat();
        image.ConvertTo(result, image.Type(), scale, offset);
        return result;
    }

    private static Mat Blur(Mat image)
    {
        var result = new Mat();
        Cv2.GaussianBlur(image, result, Window, Sigma, Sigma, BorderTypes.Reflect);
        return result;
    }
}
