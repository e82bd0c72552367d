using System.Diagnostics;
using System.Globalization;
using FaceLab.Assets;
using FaceLab.FaceSets;
using FaceLab.Faces.Extraction;
using FaceLab.Imaging;
using FaceLab.Media;
using FaceLab.Merging;
using FaceLab.Training.Inference;
using FaceLab.Training.Models;
using FaceLab.Training.Sessions;
using OpenCvSharp;

namespace FaceLab.Bench;

/// <summary>
/// The studio's Merge page: the time from a merge option change to the updated image, through
/// <see cref="MergePreview"/>, the class the studio's preview request calls (the request adds
/// only its JSON parsing and the response; HTTP and the browser's decode are not timed). The model
/// is DF at its default widths at 128 px, trained one iteration (batch 2, random init otherwise: the
/// timing does not depend on the weights) on the demo dst faces. Frames: the demo dst video at 0.5
/// frames/s (400x300), and the same frames scaled to 960x720 and centred on a 1280x720 black frame,
/// faces extracted from each with the default tools. On the first frame with a face, one render with
/// the defaults runs the model (the first view, reported apart); then for each setting row 20
/// renders, each with that row's setting changed from the previous one (two values in turn), are
/// timed by wall clock from the call to the JPEG bytes; the median, and the slowest, are reported.
/// OpenCV keeps its default threads, as in the studio. No arguments.
/// </summary>
public sealed class MergeLatencyBench : IBenchmark
{
    private const int Changes = 20;

    /// <summary>Setting rows: the options shown and the change made between renders.</summary>
    private static readonly (string Label, MergeOptions Options, Func<MergeOptions, int, MergeOptions> Change)[] Rows =
    [
        ("seamless (default), erode changed", MergeOptions.Default, (o, i) => o with { Erode = i % 2 * 20 }),
        ("overlay, blur changed", MergeOptions.Default with { Mode = MergeMode.Overlay, Blur = 50 }, (o, i) => o with { Blur = 50 + i % 2 * 30 }),
        ("seamless-hist-match + rct + sharpen, sharpen changed", MergeOptions.Default with { Mode = MergeMode.SeamlessHistMatch, ColorTransfer = "rct", Sharpen = SharpenMode.Gaussian },
            (o, i) => o with { SharpenAmount = 20 + i % 2 * 30 }),
    ];

    public string Name => "merge-latency";

    public string Description => "studio Merge page: ms from an option change to the updated image (median of 20) at 400x300 and 720p, DF 128 px";

    public async Task RunAsync(string[] args, TextWriter report, CancellationToken ct)
    {
        var scratch = BenchPaths.Scratch("merge-latency");
        try
        {
            var small = Path.Combine(scratch, "400x300");
            var aligned = await BenchFaces.ExtractAsync(AssetStore.Default.Require(AssetCatalog.DemoDestinationVideo), small, 0.5, ct);
            var large = Path.Combine(scratch, "1280x720");
            Pad(small, large, new Size(960, 720), new Size(1280, 720));
            await FaceExtraction.RunAsync(large, Path.Combine(large, "aligned"), FaceExtractionTools.Default, new FaceExtractionOptions { Size = 128 }, ct: ct);

            var df = ModelRegistry.Get("DF");
            string folder;
            using (var session = TrainingSession.Open(Path.Combine(scratch, "model"), df, "latency", df.Defaults,
                       FolderFaceSet.Open(aligned), FolderFaceSet.Open(aligned), new TrainingSessionOptions { BatchSize = 2, TargetIteration = 1, Backups = 0 }))
            {
                session.Run(TextWriter.Null, ct);
                folder = session.Folder;
            }
            using var trained = TrainedModel.Open(folder);
            report.WriteLine($"DF {trained.Resolution} px ({trained.FaceType}), default widths; {Environment.ProcessorCount} cores, CPU; " +
                $"one face per frame; load average at the start: {LoadAverage()}\n");
            report.WriteLine("| frame | first view (model runs) | " + string.Join(" | ", Rows.Select(r => r.Label + ": median / slowest")) + " |");
            report.WriteLine("|---|---:|" + string.Concat(Rows.Select(_ => "---:|")));
            foreach (var frames in new[] { small, large })
            {
                ct.ThrowIfCancellationRequested();
                using var preview = new MergePreview(new ModelFacePredictor(trained), frames, Path.Combine(frames, "aligned"));
                var frame = preview.Frames.First(f => preview.FacesIn(f) == 1);
                var first = preview.Render(frame, MergeOptions.Default);
                var cells = Rows.Select(row =>
                {
                    var times = Enumerable.Range(1, Changes).Select(i => Timed(preview, frame, row.Change(row.Options, i))).Order().ToList();
                    return string.Create(CultureInfo.InvariantCulture, $"{(times[Changes / 2 - 1] + times[Changes / 2]) / 2:0} / {times[^1]:0} ms");
                });
                report.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {Path.GetFileName(frames)} | {first.Elapsed.TotalMilliseconds:0} ms | {string.Join(" | ", cells)} |"));
            }
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    private static double Timed(MergePreview preview, string frame, MergeOptions options)
    {
        var clock = Stopwatch.StartNew();
        var image = preview.Render(frame, options);
        if (image.Predicted) throw new InvalidOperationException("an option change ran the model");
        return clock.Elapsed.TotalMilliseconds;
    }

    /// <summary>Each frame of <paramref name="from"/> scaled to <paramref name="scaled"/> and centred on a black frame of <paramref name="frame"/>.</summary>
    private static void Pad(string from, string to, Size scaled, Size frame)
    {
        Directory.CreateDirectory(to);
        foreach (var file in FrameSequence.In(from).Files)
        {
            using var image = ImageDecoding.Read(file);
            using var resized = image.Resize(scaled, interpolation: InterpolationFlags.Cubic);
            using var padded = new Mat(frame, MatType.CV_8UC3, Scalar.All(0));
            using (var target = new Mat(padded, new Rect((frame.Width - scaled.Width) / 2, (frame.Height - scaled.Height) / 2, scaled.Width, scaled.Height)))
                resized.CopyTo(target);
            Cv2.ImWrite(Path.Combine(to, Path.GetFileName(file)), padded);
        }
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "unknown";
}
