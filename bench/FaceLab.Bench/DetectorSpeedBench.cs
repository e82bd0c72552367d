using System.Diagnostics;
using FaceLab.Assets;
using FaceLab.Faces.Detection;
using OpenCvSharp;

namespace FaceLab.Bench;

/// <summary>
/// Milliseconds per frame of every face detector alone (no landmarks, alignment or file work) on
/// 20 frames spread over the demo dst video (400x300), and on the same frames stretched to
/// 1280x720 (bicubic). One detector instance called from one thread, as each extraction worker
/// does (UltraFace's ONNX Runtime on one thread; OpenCV-based detectors keep OpenCV's own
/// threading); 2 warm-up detections, then the wall time of the 20 frames divided by 20, model
/// loading excluded. Faces found counts the 400x300 frames with at least one detection. No arguments.
/// </summary>
public sealed class DetectorSpeedBench : IBenchmark
{
    private const int FrameCount = 20;
    private const int WarmUpRuns = 2;

    public string Name => "detectors";

    public string Description => "face detectors: ms per frame at 400x300 and 1280x720 (demo dst frames)";

    public Task RunAsync(string[] args, TextWriter report, CancellationToken ct)
    {
        var small = ReadFrames(AssetStore.Default.Require(AssetCatalog.DemoDestinationVideo), FrameCount);
        var large = small.Select(f => f.Resize(new Size(1280, 720), 0, 0, InterpolationFlags.Cubic)).ToList();
        report.WriteLine($"{FrameCount} frames each, after {WarmUpRuns} warm-up runs; one thread per detector (ORT intra-op 1).");
        report.WriteLine();
        report.WriteLine("| detector | 400x300 ms/frame | 1280x720 ms/frame | faces found (400x300) |");
        report.WriteLine("|---|---:|---:|---:|");
        foreach (var descriptor in FaceDetectors.All)
        {
            ct.ThrowIfCancellationRequested();
            using var detector = descriptor.Create();
            var (smallMs, faces) = Measure(detector, small);
            var (largeMs, _) = Measure(detector, large);
            report.WriteLine($"| {descriptor.Name} | {smallMs:F1} | {largeMs:F1} | {faces}/{FrameCount} frames |");
        }
        foreach (var frame in small.Concat(large)) frame.Dispose();
        return Task.CompletedTask;
    }

    private static (double MsPerFrame, int FramesWithFace) Measure(IFaceDetector detector, List<Mat> frames)
    {
        for (var i = 0; i < WarmUpRuns; i++) detector.Detect(frames[i % frames.Count]);
        var withFace = 0;
        var clock = Stopwatch.StartNew();
        foreach (var frame in frames)
            if (detector.Detect(frame).Count > 0) withFace++;
        return (clock.Elapsed.TotalMilliseconds / frames.Count, withFace);
    }

    // Frames spread over the whole clip (every 38th of 765).
    private static List<Mat> ReadFrames(string video, int count)
    {
        using var capture = new VideoCapture(video);
        var total = Math.Max(capture.FrameCount, count);
        var frames = new List<Mat>();
        for (var index = 0; frames.Count < count; index++)
        {
            var frame = new Mat();
            if (!capture.Read(frame) || frame.Empty()) { frame.Dispose(); break; }
            if (index % (total / count) == 0) frames.Add(frame);
            else frame.Dispose();
        }
        return frames;
    }
}
