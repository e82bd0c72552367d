using FaceLab.Common;
using FaceLab.Imaging;
using FaceLab.Media;
using FaceLab.Merging;
using FaceLab.Provenance;
using FaceLab.Workspace;
using OpenCvSharp;

namespace FaceLab.Workflow;

/// <summary>
/// A picture of a few dst frames beside the same frames merged (one row per frame, at a quarter,
/// half and three quarters of the frames that have a face), so the swap shows at a glance.
/// It holds synthetic frames, so it carries the synthetic-media mark like they do.
/// </summary>
internal static class ComparisonSheet
{
    public const int Rows = 3;

    /// <summary>Width of each frame on the sheet; smaller frames are not enlarged.</summary>
    public const int MaxFrameWidth = 480;

    private const int LabelHeight = 28;

    public static void Write(WorkspaceLayout layout, MergeSession session, string output)
    {
        var frames = FrameSequence.In(layout.DestinationFrames).Files;
        var names = frames.Select(f => Path.GetFileName(f)).ToList();
        var faces = DestinationFaces.Read(layout.DestinationAligned, names);
        var withFaces = Enumerable.Range(0, frames.Count).Where(i => faces.Of(names[i]).Count > 0).ToList();
        if (withFaces.Count == 0) throw new FaceLabException(layout.DestinationAligned, "holds no dst faces", "extract the dst faces first");
        var chosen = Enumerable.Range(1, Rows).Select(r => withFaces[withFaces.Count * r / (Rows + 1)]).Distinct().ToList();

        var rows = new List<Mat>();
        try
        {
            foreach (var index in chosen)
            {
                using var original = ImageDecoding.Read(frames[index]);
                using var merged = ImageDecoding.Read(Path.Combine(layout.Merged, FrameMergeRun.OutputName(names[index], session.For(names[index]))));
                using var left = Fit(original);
                using var right = Fit(merged);
                var row = new Mat();
                Cv2.HConcat([left, right], row);
                rows.Add(row);
            }
            using var body = new Mat();
            Cv2.VConcat(rows.ToArray(), body);
            using var sheet = WithLabels(body);
            var jpeg = sheet.ImEncode(".jpg", new ImageEncodingParam(ImwriteFlags.JpegQuality, 90));
            AtomicOutput.WriteAllBytes(output, ProvenanceStamp.Apply(jpeg, session.Mark));
        }
        finally
        {
            foreach (var row in rows) row.Dispose();
        }
    }

    private static Mat Fit(Mat frame)
    {
        if (frame.Width <= MaxFrameWidth) return frame.Clone();
        var resized = new Mat();
        Cv2.Resize(frame, resized, new Size(MaxFrameWidth, (int)Math.Round(frame.Height * (double)MaxFrameWidth / frame.Width)), 0, 0, InterpolationFlags.Area);
        return resized;
    }

    private static Mat WithLabels(Mat body)
    {
        var sheet = new Mat(body.Rows + LabelHeight, body.Cols, MatType.CV_8UC3, Scalar.All(24));
        using (var target = sheet[new Rect(0, LabelHeight, body.Cols, body.Rows)]) body.CopyTo(target);
        var half = body.Cols / 2;
        Cv2.PutText(sheet, "original dst", new Point(8, 20), HersheyFonts.HersheySimplex, 0.6, Scalar.All(235), 1, LineTypes.AntiAlias);
        Cv2.PutText(sheet, "swapped (synthetic)", new Point(half + 8, 20), HersheyFonts.HersheySimplex, 0.6, Scalar.All(235), 1, LineTypes.AntiAlias);
        return sheet;
    }
}
