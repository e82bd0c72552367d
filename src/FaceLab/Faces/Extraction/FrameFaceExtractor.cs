using FaceLab.Faces.Alignment;
using FaceLab.Faces.Detection;
using FaceLab.Faces.Landmarks;
using OpenCvSharp;

namespace FaceLab.Faces.Extraction;

/// <summary>
/// Finds, landmarks and aligns the faces of one frame: detection (retried at 90/180/270° when
/// nothing is found), the detector box turned into the landmark box the landmarker expects
/// (<see cref="LandmarkBoxFit"/>; DeepFaceLab's fixed "10% down for the chin" suited S3FD only),
/// 68 landmarks, the optional accurate second pass, and the aligned crop. Holds one detector and one landmarker: one per worker.
/// </summary>
internal sealed class FrameFaceExtractor(IFaceDetector detector, ILandmarker landmarker, FaceExtractionOptions options) : IDisposable
{
    private static readonly int[] Rotations = [0, 90, 180, 270];

    /// <summary>Relative box jitters (dx, dy, scale) of the accurate pass; their landmarks are averaged.</summary>
    private static readonly (double Dx, double Dy, double Scale)[] AccurateJitters =
        [(0, 0, 1), (-0.03, 0, 1), (0.03, 0, 1), (0, -0.03, 1), (0, 0.03, 1), (0, 0, 0.95), (0, 0, 1.05)];

    private const int AccurateCropSize = 256;

    public IFaceDetector Detector => detector;

    public ILandmarker Landmarker => landmarker;

    /// <summary>
    /// The faces of <paramref name="frame"/>, largest first. With <paramref name="manualBoxes"/>
    /// (frame pixels, placed by hand) each box gives one face (<see cref="HandBoxLandmarks"/>),
    /// or a <see cref="Common.FaceLabException"/> about <paramref name="frameName"/> when none fits it.
    /// </summary>
    public List<ExtractedFace> Extract(Mat frame, IReadOnlyList<Rect2d>? manualBoxes = null, string frameName = "")
    {
        if (manualBoxes is not null) return ExtractPlaced(frame, manualBoxes, frameName);
        if (Math.Min(frame.Width, frame.Height) < options.MinFrameSize) return [];

        foreach (var degrees in Rotations)
        {
            using var view = RotatedView.Of(frame, degrees);
            var found = detector.Detect(view.Image)
                .Where(f => Math.Min(f.Box.Width, f.Box.Height) >= options.MinFaceSize && IsFaceShaped(f.Box))
                .OrderByDescending(f => f.Area)
                .Take(options.MaxFaces > 0 ? options.MaxFaces : int.MaxValue)
                .ToList();
            if (found.Count == 0) continue;
            var faces = found.Select(f => ExtractOne(frame, view, f.Box, detector.LandmarkBox.Apply(f.Box))).ToList();
            if (degrees != 0) faces = KeepConfirmed(faces);
            if (faces.Count > 0) return faces;
        }
        return [];
    }

    /// <summary>
    /// Retries at 90/180/270° look at four times as many patterns, and false alarms (a spoon's
    /// reflection, a knot in wood) come with them. A real face, once aligned upright, is the
    /// detector's easiest case: keep only faces the detector finds again in their aligned crop.
    /// </summary>
    private List<ExtractedFace> KeepConfirmed(List<ExtractedFace> faces)
    {
        var kept = new List<ExtractedFace>();
        foreach (var face in faces)
        {
            var expected = Bounds(face.Aligned.Landmarks);
            if (detector.Detect(face.Aligned.Image).Any(f => Overlap(detector.LandmarkBox.Apply(f.Box), expected) > 0.3)) kept.Add(face);
            else face.Dispose();
        }
        return kept;
    }

    private List<ExtractedFace> ExtractPlaced(Mat frame, IReadOnlyList<Rect2d> boxes, string frameName)
    {
        using var view = RotatedView.Of(frame, 0);
        var faces = new List<ExtractedFace>();
        try
        {
            foreach (var box in boxes)
                faces.Add(ExtractLocated(frame, view, box, HandBoxLandmarks.Locate(detector, landmarker, frame, box, frameName)));
            return faces;
        }
        catch
        {
            foreach (var face in faces) face.Dispose();
            throw;
        }
    }

    private ExtractedFace ExtractOne(Mat frame, RotatedView view, Rect2d detectorBox, Rect2d landmarkBox) =>
        ExtractLocated(frame, view, detectorBox, landmarker.Locate(view.Image, landmarkBox));

    private ExtractedFace ExtractLocated(Mat frame, RotatedView view, Rect2d detectorBox, Point2d[] landmarks)
    {
        if (options.Accurate) landmarks = Refine(view.Image, landmarks);
        var frameLandmarks = view.ToFrame(landmarks);
        var aligned = AlignedFace.Extract(frame, frameLandmarks, options.FaceType, options.Size);
        return new ExtractedFace(aligned, view.ToFrame(detectorBox), view.Degrees);
    }

    /// <summary>
    /// The accurate pass: align the face upright with the first landmarks, detect again on that
    /// crop (a centred upright face is the detector's easiest case), run the landmarker on a few
    /// jittered copies of the box and average, then map back. Averaging removes most of the
    /// frame-to-frame jitter that a single run's sensitivity to the box causes.
    /// </summary>
    private Point2d[] Refine(Mat image, Point2d[] first)
    {
        var toCrop = FaceAligner.ImageToFace(first, FaceType.WholeFace, AccurateCropSize);
        using var crop = FaceWarp.ToFace(image, toCrop, AccurateCropSize);
        var expected = Bounds(toCrop.Apply(first));
        var found = detector.Detect(crop).OrderByDescending(f => Overlap(detector.LandmarkBox.Apply(f.Box), expected)).FirstOrDefault();
        var box = found is not null && Overlap(detector.LandmarkBox.Apply(found.Box), expected) > 0.3 ? detector.LandmarkBox.Apply(found.Box) : expected;

        var sum = new Point2d[first.Length];
        foreach (var (dx, dy, scale) in AccurateJitters)
        {
            var w = box.Width * scale;
            var h = box.Height * scale;
            var jittered = new Rect2d(box.X + (box.Width - w) / 2 + dx * box.Width, box.Y + (box.Height - h) / 2 + dy * box.Height, w, h);
            var run = landmarker.Locate(crop, jittered);
            for (var i = 0; i < sum.Length; i++) sum[i] += run[i];
        }
        var toImage = toCrop.Inverse();
        return sum.Select(p => toImage.Apply(new Point2d(p.X / AccurateJitters.Length, p.Y / AccurateJitters.Length))).ToArray();
    }

    /// <summary>
    /// Face boxes are roughly square (UltraFace's ≈ 0.8 wide per high, at any yaw); a box twice as
    /// wide as high is a false alarm (UltraFace boxes lines of text that way).
    /// </summary>
    private static bool IsFaceShaped(Rect2d box) => box.Width / box.Height is >= 0.5 and <= 1.6;

    private static Rect2d Bounds(IReadOnlyList<Point2d> points)
    {
        double x1 = points.Min(p => p.X), y1 = points.Min(p => p.Y), x2 = points.Max(p => p.X), y2 = points.Max(p => p.Y);
        return new Rect2d(x1, y1, x2 - x1, y2 - y1);
    }

    private static double Overlap(Rect2d a, Rect2d b) => NonMaxSuppression.IntersectionOverUnion(a, b);

    public void Dispose()
    {
        detector.Dispose();
        landmarker.Dispose();
    }
}
