using FaceLab.Faces.Alignment;
using FaceLab.FaceSets;
using FaceLab.Imaging;
using FaceLab.Merging;
using OpenCvSharp;

namespace FaceLab.Tests.Evaluation;

/// <summary>
/// The simplest swap with a known identity: src aligned faces pasted onto the dst faces with a plain
/// alpha blend (the src face's landmark hull, feathered), each moved by its own alignment onto the
/// dst face's (src aligned image → mean face → dst frame). Frame n gets src face n mod count.
/// </summary>
internal sealed class SourcePaste(string sourceAligned)
{
    private readonly FolderFaceSet _set = FolderFaceSet.Open(sourceAligned);
    private int _next;

    public Mat Paste(Mat frame, IReadOnlyList<FrameFace> faces)
    {
        var result = frame.Clone();
        foreach (var face in faces)
        {
            var index = _next++ % _set.Count;
            var entry = _set[index];
            using var source = ImageDecoding.Decode(_set.ReadEncoded(index), entry.Name);
            var size = source.Width;
            using var alpha = new Mat(size, size, MatType.CV_32FC1, Scalar.All(0));
            Cv2.FillConvexPoly(alpha, Cv2.ConvexHull(entry.Metadata.Landmarks.Select(p => new Point((int)p.X, (int)p.Y))), Scalar.All(1));
            Cv2.GaussianBlur(alpha, alpha, new Size(0, 0), size / 40.0);
            var toFace = FaceAligner.ImageToFace(face.Landmarks, entry.Metadata.AlignedFaceType, size);
            using var placed = FaceWarp.ToFrame(source, toFace, frame.Size(), new WarpOptions(InterpolationFlags.Cubic, BorderTypes.Replicate));
            using var weight = FaceWarp.ToFrame(alpha, toFace, frame.Size());
            Blend(result, placed, weight);
        }
        return result;
    }

    /// <summary>result = result·(1 − weight) + face·weight.</summary>
    private static void Blend(Mat result, Mat face, Mat weight)
    {
        using var weight3 = weight.CvtColor(ColorConversionCodes.GRAY2BGR);
        using var inverse = new Mat();
        Cv2.Subtract(Scalar.All(1), weight3, inverse);
        using var a = new Mat();
        using var b = new Mat();
        result.ConvertTo(a, MatType.CV_32FC3);
        face.ConvertTo(b, MatType.CV_32FC3);
        Cv2.Multiply(a, inverse, a);
        Cv2.Multiply(b, weight3, b);
        Cv2.Add(a, b, a);
        a.ConvertTo(result, MatType.CV_8UC3);
    }
}
