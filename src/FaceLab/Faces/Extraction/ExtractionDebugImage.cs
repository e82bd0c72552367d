using FaceLab.Common;
using OpenCvSharp;

namespace FaceLab.Faces.Extraction;

/// <summary>
/// The <c>aligned_debug/</c> picture of a frame: detector box (blue), 68 landmarks (green) and the
/// outline of the aligned crop (red), like DeepFaceLab's debug output.
/// </summary>
internal static class ExtractionDebugImage
{
    public static void Write(string path, Mat frame, IReadOnlyList<ExtractedFace> faces)
    {
        using var canvas = frame.Clone();
        var thickness = Math.Max(1, (int)Math.Round(Math.Max(frame.Width, frame.Height) / 500.0));
        foreach (var face in faces)
        {
            var box = face.SourceRect;
            Cv2.Rectangle(canvas, new Rect((int)box.X, (int)box.Y, (int)box.Width, (int)box.Height), new Scalar(255, 0, 0), thickness);
            foreach (var p in face.Aligned.FrameLandmarks)
                Cv2.Circle(canvas, new Point((int)Math.Round(p.X), (int)Math.Round(p.Y)), thickness, new Scalar(0, 255, 0), -1);
            var toFrame = face.Aligned.FaceToImage;
            var s = face.Aligned.Size;
            var quad = new[] { new Point2d(0, 0), new Point2d(s, 0), new Point2d(s, s), new Point2d(0, s) }
                .Select(p => toFrame.Apply(p))
                .Select(p => new Point((int)Math.Round(p.X), (int)Math.Round(p.Y)))
                .ToArray();
            Cv2.Polylines(canvas, [quad], isClosed: true, new Scalar(0, 0, 255), thickness);
        }
        Cv2.ImEncode(".jpg", canvas, out var jpeg, new ImageEncodingParam(ImwriteFlags.JpegQuality, 90));
        AtomicOutput.WriteAllBytes(path, jpeg);
    }
}
