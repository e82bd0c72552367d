using FaceLab.Training.Inference;
using System.Diagnostics;
using System.Globalization;
using FaceLab.Faces.Alignment;
using FaceLab.Merging;
using OpenCvSharp;

namespace FaceLab.Bench;

/// <summary>
/// Merged frames per second of the per-frame compositor (<see cref="FrameMerger"/>) for every merge
/// mode at 400x300, 1280x720 and 1920x1080, inference excluded. One face per frame: the annotated
/// 300-W photo <c>sd_image_0001.png</c> of ../shared/data/landmarks letterboxed into each frame
/// size, its ground-truth landmarks moved with it. A stand-in 256 px full-face predictor returns
/// the cut face with contrast and brightness changed (so the colour steps have work) and elliptic
/// masks, so the cost is the merge alone: cut at the model's face type, mask, colour steps, warp
/// back, erode and blur, blend. Options are the defaults apart from the mode (dst mask, erode 0,
/// blur 0, no colour transfer). OpenCV runs on one thread because frames are the unit of parallel
/// work (the merge driver merges one frame per core); the cost is the process's CPU time per frame
/// over 20 frames after 3 warm-up frames, since on a shared machine wall time measures the
/// neighbours. Frames/s on the machine's cores = cores × 1000 / CPU ms. No arguments.
/// </summary>
public sealed class MergeBench : IBenchmark
{
    private const int Frames = 20;
    private const int WarmUp = 3;
    private const int Resolution = 256;
    private static readonly Size[] Sizes = [new(400, 300), new(1280, 720), new(1920, 1080)];

    public string Name => "merge";

    public string Description => "merge compositor: frames/s per mode at 400x300, 720p, 1080p (stand-in predictor, inference excluded)";

    public Task RunAsync(string[] args, TextWriter report, CancellationToken ct)
    {
        var photo = Path.Combine(BenchPaths.SharedData, "landmarks", "ibug300w_lfpw_68pt", "sd_image_0001.png");
        var scenes = Sizes.Select(s => Letterbox(photo, s)).ToList();
        var predictor = new ShiftedFacePredictor();
        // Frames are the unit of parallel work (the merge driver merges several at once), so OpenCV
        // itself runs on one thread, and the cost is measured as CPU time: on a shared machine wall
        // time measures the neighbours.
        var threads = Cv2.GetNumThreads();
        Cv2.SetNumThreads(1);
        report.WriteLine($"{Frames} frames per cell after {WarmUp} warm-up frames; one face per frame ({Path.GetFileName(photo)} letterboxed, " +
            $"face {string.Join(" / ", scenes.Select(s => $"{s.FaceHeight:F0}"))} px high); stand-in model {Resolution} px full face " +
            "(returns the cut face with contrast and brightness changed); options otherwise default. OpenCV on one thread; cost = process CPU time " +
            $"per merged frame; 'fps on {Environment.ProcessorCount} cores' = cores × 1000 / CPU ms (frames merged in parallel, " +
            $"as the merge driver does); load average at the start: {LoadAverage()}.");
        report.WriteLine();
        report.WriteLine("| mode | " + string.Join(" | ", Sizes.Select(s => $"{s.Width}x{s.Height} CPU ms/frame | fps on {Environment.ProcessorCount} cores")) + " |");
        report.WriteLine("|---|" + string.Concat(Sizes.Select(_ => "---:|---:|")));
        foreach (var mode in MergeNames.Modes.Names)
        {
            ct.ThrowIfCancellationRequested();
            var merger = new FrameMerger(predictor, new MergeOptions { Mode = MergeNames.Modes.Get(mode) });
            var cells = scenes.Select(s =>
            {
                var ms = CpuMilliseconds(merger, s.Frame, s.Face);
                return $"{ms:F1} | {Environment.ProcessorCount * 1000 / ms:F0}";
            });
            report.WriteLine($"| {mode} | {string.Join(" | ", cells)} |");
        }
        Cv2.SetNumThreads(threads);
        foreach (var scene in scenes) scene.Frame.Dispose();
        return Task.CompletedTask;
    }

    private static double CpuMilliseconds(FrameMerger merger, Mat frame, FrameFace face)
    {
        for (var i = 0; i < WarmUp; i++) merger.Merge(frame, [face]).Dispose();
        using var process = Process.GetCurrentProcess();
        var start = process.TotalProcessorTime;
        for (var i = 0; i < Frames; i++) merger.Merge(frame, [face]).Dispose();
        process.Refresh();
        return (process.TotalProcessorTime - start).TotalMilliseconds / Frames;
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "unknown";

    private static (Mat Frame, FrameFace Face, double FaceHeight) Letterbox(string photoPath, Size size)
    {
        using var photo = Cv2.ImRead(photoPath, ImreadModes.Color);
        var landmarks = ReadPts(Path.ChangeExtension(photoPath, ".pts"));
        var scale = Math.Min((double)size.Width / photo.Cols, (double)size.Height / photo.Rows);
        using var scaled = photo.Resize(new Size(photo.Cols * scale, photo.Rows * scale), interpolation: InterpolationFlags.Area);
        var (x, y) = ((size.Width - scaled.Cols) / 2, (size.Height - scaled.Rows) / 2);
        var frame = new Mat(size, MatType.CV_8UC3, Scalar.All(0));
        using (var target = new Mat(frame, new Rect(x, y, scaled.Cols, scaled.Rows))) scaled.CopyTo(target);
        var moved = landmarks.Select(p => new Point2d(p.X * scale + x, p.Y * scale + y)).ToArray();
        return (frame, new FrameFace(moved), moved.Max(p => p.Y) - moved.Min(p => p.Y));
    }

    private static Point2d[] ReadPts(string path)
    {
        var lines = File.ReadAllLines(path);
        var open = Array.FindIndex(lines, l => l.Trim() == "{");
        return [.. lines.Skip(open + 1).TakeWhile(l => l.Trim() != "}")
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(p => new Point2d(double.Parse(p[0], CultureInfo.InvariantCulture) - 1, double.Parse(p[1], CultureInfo.InvariantCulture) - 1))];
    }

    /// <summary>Returns the cut face with its colours moved (so colour steps have work to do) and elliptic learned masks.</summary>
    private sealed class ShiftedFacePredictor : IFacePredictor
    {
        private readonly Mat _ellipse = Ellipse();

        public int Resolution => MergeBench.Resolution;

        public FaceType FaceType => FaceType.Full;

        public IReadOnlyList<FacePrediction> Predict(IReadOnlyList<Mat> faces) => [.. faces.Select(f =>
        {
            var face = new Mat();
            f.ConvertTo(face, MatType.CV_32FC3, 0.7, 0.2);
            return new FacePrediction(face, _ellipse.Clone(), _ellipse.Clone());
        })];

        private static Mat Ellipse()
        {
            var mask = new Mat(MergeBench.Resolution, MergeBench.Resolution, MatType.CV_32FC1, Scalar.All(0));
            Cv2.Ellipse(mask, new Point(MergeBench.Resolution / 2, MergeBench.Resolution / 2),
                new Size(MergeBench.Resolution * 0.3, MergeBench.Resolution * 0.4), 0, 0, 360, Scalar.All(1), -1);
            return mask;
        }
    }
}
