using FaceLab.Training.Samples;
using OpenCvSharp;

namespace FaceLab.Tests.Training.Samples;

/// <summary>Reads planes of a <see cref="SampleBatch"/> back into OpenCV images for checks.</summary>
internal static class SampleTestSupport
{
    /// <summary>Sample <paramref name="n"/> of an N×C×R×R buffer as a <c>CV_32FC{C}</c> image.</summary>
    public static Mat Image(float[] buffer, int n, int channels, int resolution)
    {
        var plane = resolution * resolution;
        var planes = new Mat[channels];
        for (var c = 0; c < channels; c++)
        {
            planes[c] = new Mat(resolution, resolution, MatType.CV_32FC1);
            System.Runtime.InteropServices.Marshal.Copy(buffer, (n * channels + c) * plane, planes[c].Data, plane);
        }
        var image = new Mat();
        Cv2.Merge(planes, image);
        foreach (var p in planes) p.Dispose();
        return image;
    }

    public static Mat Target(SampleBatch batch, int n) => Image(batch.Targets, n, 3, batch.Resolution);

    public static Mat Mask(SampleBatch batch, int n) => Image(batch.Masks, n, 1, batch.Resolution);

    public static Mat FeatureMask(SampleBatch batch, int n) => Image(batch.FeatureMasks, n, 1, batch.Resolution);

    public static double IoU(Mat a, Mat b)
    {
        using var inA = a.GreaterThan(0.5);
        using var inB = b.GreaterThan(0.5);
        using var both = new Mat();
        using var either = new Mat();
        Cv2.BitwiseAnd(inA, inB, both);
        Cv2.BitwiseOr(inA, inB, either);
        return (double)Cv2.CountNonZero(both) / Math.Max(1, Cv2.CountNonZero(either));
    }

    public static Point2d Centroid(IEnumerable<Point2d> points)
    {
        var list = points.ToList();
        return new Point2d(list.Average(p => p.X), list.Average(p => p.Y));
    }

    /// <summary>A chooser that always gives the same face and flip.</summary>
    public sealed class FixedChooser(int face, bool flip) : IFaceChooser
    {
        public FaceChoice Choose(long batchIndex, int sampleIndex, SampleRandom random) => new(face, flip);
    }
}
