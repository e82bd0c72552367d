using System.Diagnostics;
using System.Globalization;
using FaceLab.Assets;
using FaceLab.Faces.Detection;
using FaceLab.Faces.Extraction;
using FaceLab.Faces.Files;
using FaceLab.Faces.Landmarks;
using FaceLab.Media;
using OpenCvSharp;

namespace FaceLab.Bench;

/// <summary>
/// Frames/s of the whole face extraction as a user waits for it, per tool: every detector with the
/// default landmarker, and the default detector with every other landmarker. Each run extracts N
/// PNG frames into a fresh aligned folder with default options (full face, 256 px JPEG, one worker
/// per core) and times everything: each worker loading its models, decoding the frame, detection,
/// landmarks, alignment, JPEG encoding with metadata and the atomic write. Frames: the first N of
/// the demo dst video (400x300), and the first N of LivePortrait d19 (../shared/data/videos) scaled
/// to 720x720 on a black 1280x720 frame; faces found counts the faces written. Then temporal
/// jitter over all frames of the demo dst video with the defaults, without and with
/// <c>--accurate</c>, in aligned pixels from the first face of each frame: (a) the mean
/// frame-to-frame movement of the aligned landmarks (real motion counts too); (b) the mean distance
/// of each frame landmark from the midpoint of its previous and next positions, scaled to aligned
/// pixels (steady motion cancels, so it isolates the jitter that shakes the crop); with the
/// frames/s of those two runs. Argument: [N=100] frames per run.
/// </summary>
public sealed class FaceExtractionBench : IBenchmark
{
    public string Name => "extract";

    public string Description => "face extraction frames/s per detector/landmarker; landmark jitter with and without --accurate";

    public string[] SuiteArguments => ["100"];

    public async Task RunAsync(string[] args, TextWriter report, CancellationToken ct)
    {
        var frameCount = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100;
        var scratch = BenchPaths.Scratch("extract");
        try
        {
            var dst = AssetStore.Default.Require(AssetCatalog.DemoDestinationVideo);
            var small = await Frames(dst, Path.Combine(scratch, "400x300"), frameCount, null, ct);
            var hd = await Frames(Path.Combine(BenchPaths.SharedData, "videos", "liveportrait_d19_man-glasses_480x480_30fps_8s.mp4"),
                Path.Combine(scratch, "1280x720"), frameCount, new Size(1280, 720), ct);

            report.WriteLine($"{frameCount} PNG frames per run, {Environment.ProcessorCount} workers; 1280x720 = LivePortrait d19 scaled to 720x720 on a black 1280x720 frame (face ≈ 460 px)\n");
            report.WriteLine("| detector | landmarks | 400x300 frames/s | 1280x720 frames/s | faces found (400x300 / 720p) |");
            report.WriteLine("|---|---|---|---|---|");
            var combos = FaceDetectors.All.Select(d => (d, FaceLandmarkers.Default))
                .Concat(FaceLandmarkers.All.Where(l => l.Name != FaceLandmarkers.Default.Name).Select(l => (FaceDetectors.Get(FaceDetectors.DefaultName), l)));
            foreach (var (detector, landmarker) in combos)
            {
                var tools = FaceExtractionTools.From(detector, landmarker);
                var (fpsSmall, facesSmall) = await Measure(small, tools, new FaceExtractionOptions(), ct);
                var (fpsHd, facesHd) = await Measure(hd, tools, new FaceExtractionOptions(), ct);
                report.WriteLine($"| {detector.Name} | {landmarker.Name} | {fpsSmall:0.0} | {fpsHd:0.0} | {facesSmall} / {facesHd} |");
            }

            report.WriteLine("\nTemporal jitter on the demo dst video (765 frames, full face 256 px), in aligned pixels: (a) mean frame-to-frame");
            report.WriteLine("movement of the aligned landmarks; (b) mean second difference of the frame landmarks (steady motion cancels, jitter stays).\n");
            report.WriteLine("| pipeline | (a) frame-to-frame px | (b) second difference px | frames/s |");
            report.WriteLine("|---|---|---|---|");
            var all = await Frames(dst, Path.Combine(scratch, "all"), int.MaxValue, null, ct);
            var defaults = FaceExtractionTools.Default;
            foreach (var (label, options) in new[] { ("ultraface + dlib", new FaceExtractionOptions()), ("ultraface + dlib --accurate", new FaceExtractionOptions { Accurate = true }) })
            {
                var aligned = Path.Combine(all, "aligned-" + (options.Accurate ? "accurate" : "plain"));
                var sw = Stopwatch.StartNew();
                var run = await FaceExtraction.RunAsync(all, aligned, defaults, options, ct: ct);
                var fps = run.Processed / sw.Elapsed.TotalSeconds;
                var (firstOrder, secondOrder) = Jitter(aligned);
                report.WriteLine($"| {label} | {firstOrder:0.000} | {secondOrder:0.000} | {fps:0.0} |");
            }
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    private static async Task<(double Fps, int Faces)> Measure(string frames, FaceExtractionTools tools, FaceExtractionOptions options, CancellationToken ct)
    {
        var aligned = Path.Combine(frames, "aligned-" + tools.DetectorName + "-" + tools.LandmarkerName);
        var sw = Stopwatch.StartNew();
        var run = await FaceExtraction.RunAsync(frames, aligned, tools, options, ct: ct);
        return (run.Processed / sw.Elapsed.TotalSeconds, run.FacesWritten);
    }

    private static async Task<string> Frames(string video, string folder, int count, Size? canvas, CancellationToken ct)
    {
        var all = folder + "-all";
        await FrameExtractor.ExtractAsync(video, all, new FrameExtractionOptions(), null, ct);
        Directory.CreateDirectory(folder);
        foreach (var file in FrameSequence.In(all).Files.Take(count))
        {
            var target = Path.Combine(folder, Path.GetFileName(file));
            if (canvas is not { } size)
            {
                File.Move(file, target);
                continue;
            }
            using var frame = Cv2.ImRead(file);
            using var scaled = frame.Resize(new Size(size.Height, size.Height), 0, 0, InterpolationFlags.Cubic);
            using var output = new Mat(size, MatType.CV_8UC3, Scalar.All(0));
            scaled.CopyTo(output[new Rect((size.Width - size.Height) / 2, 0, size.Height, size.Height)]);
            Cv2.ImWrite(target, output);
        }
        Directory.Delete(all, recursive: true);
        return folder;
    }

    /// <summary>
    /// (a) Mean frame-to-frame displacement of the aligned landmarks (aligned pixels); (b) mean
    /// second difference of the frame landmarks scaled to aligned pixels: steady head motion
    /// cancels in (b), so it isolates jitter, which moves the crop itself.
    /// </summary>
    private static (double FrameToFrame, double SecondDifference) Jitter(string aligned)
    {
        var faces = Directory.GetFiles(aligned, "*_0.jpg").Order(StringComparer.Ordinal).Select(FaceImageFile.ReadMetadata).ToList();
        double Scale(FaceMetadata m) => Math.Sqrt(Math.Abs(m.ImageToFaceMat[0][0] * m.ImageToFaceMat[1][1] - m.ImageToFaceMat[0][1] * m.ImageToFaceMat[1][0]));
        var firstOrder = new List<double>();
        var secondOrder = new List<double>();
        for (var t = 1; t < faces.Count; t++)
        {
            firstOrder.Add(Enumerable.Range(0, 68).Average(i => faces[t].Landmarks[i].DistanceTo(faces[t - 1].Landmarks[i])));
            if (t + 1 >= faces.Count) continue;
            var (a, b, c) = (faces[t - 1].SourceLandmarks, faces[t].SourceLandmarks, faces[t + 1].SourceLandmarks);
            secondOrder.Add(Scale(faces[t]) * Enumerable.Range(0, 68).Average(i => b[i].DistanceTo(new Point2d((a[i].X + c[i].X) / 2, (a[i].Y + c[i].Y) / 2))));
        }
        return (firstOrder.Average(), secondOrder.Average());
    }
}
