using System.Diagnostics;
using System.Globalization;
using FaceLab.Faces.Alignment;
using FaceLab.Faces.Files;
using FaceLab.Imaging.ColorTransfer;
using FaceLab.Training.Samples;
using OpenCvSharp;
using FaceLab.FaceSets;

namespace FaceLab.Bench;

/// <summary>
/// Whether the training sample pipeline outruns the trainer (target ≥ 3× what it consumes), and the
/// cost of each colour transfer. The face set is the annotated photos of ../shared/data/landmarks
/// aligned with their ground-truth points at 256 px (full face, JPEG). Samples/s of
/// <see cref="SampleGenerator"/> (decode once, cached crop, random transform and warp, masks;
/// prefetch 2) at 64 px batch 16 and 128 px batch 8, colour transfer none, rct and sot, 1 and 2
/// workers: 4 warm-up batches, then the wall time of 768 samples (96 with sot, the slowest); a first
/// unreported run warms up the JIT and OpenCV. The trainer's need is batch / seconds per DF step,
/// fixed in the code at 5 s (64 px) and 10 s (128 px) from the training benchmark. Colour transfer:
/// every mode from one 128 px face (16,384 pixels, float) to another, one warm-up call then the
/// median of 15 calls. No arguments.
/// </summary>
public sealed class SamplePipelineBench : IBenchmark
{
    // (resolution, batch, seconds per DF training step on this machine's 2 CPU cores, measured by TrainingStepBench)
    private static readonly (int Resolution, int Batch, double StepSeconds)[] Configurations = [(64, 16, 5.0), (128, 8, 10.0)];

    public string Name => "samples";

    public string Description => "training sample pipeline: samples/s vs the trainer's need; ms per colour transfer mode at 128 px";

    public async Task RunAsync(string[] args, TextWriter report, CancellationToken ct)
    {
        var folder = BenchPaths.Scratch("samples");
        try
        {
            WriteFaceSet(folder);
            var set = FolderFaceSet.Open(folder);
            await SamplesPerSecond(set, 64, 16, "none", 1, ct); // JIT and OpenCV warm-up, not reported
            report.WriteLine($"{set.Count} aligned faces (256 px JPEG); random warp on; samples/s over 768 samples (96 with sot, the slowest transfer) after 4 warm-up batches. The machine's 2 cores are shared, so expect ±30 %.");
            report.WriteLine();
            report.WriteLine("| resolution | batch | colour | workers | samples/s | trainer needs | ratio |");
            report.WriteLine("|---:|---:|---|---:|---:|---:|---:|");
            foreach (var (resolution, batch, stepSeconds) in Configurations)
                foreach (var colour in new[] { "none", "rct", "sot" })
                    foreach (var workers in new[] { 1, 2 })
                    {
                        ct.ThrowIfCancellationRequested();
                        var rate = await SamplesPerSecond(set, resolution, batch, colour, workers, ct);
                        var need = batch / stepSeconds;
                        report.WriteLine($"| {resolution} | {batch} | {colour} | {workers} | {rate:F0} | {need:F1} | {rate / need:F0}× |");
                    }
            report.WriteLine();
            ColourTransferTable(folder, report, ct);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<double> SamplesPerSecond(IFaceSet set, int resolution, int batch, string colour, int workers, CancellationToken ct)
    {
        var options = new SampleOptions { Resolution = resolution, ColorTransfer = colour };
        using var faces = new FaceCropCache(set, options);
        using var reference = new FaceCropCache(set, options);
        var factory = new SampleBatchFactory(faces, options, batch, seed: 1, colorReference: reference);
        using var generator = new SampleGenerator(factory, new SampleGeneratorOptions { Workers = workers, Prefetch = 2 });
        // Warm up (every face decoded and cropped), then time enough batches that the two queued ones hardly count.
        for (var i = 0; i < 4; i++) await generator.NextAsync(ct);
        var batches = (colour == "sot" ? 96 : 768) / batch;
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < batches; i++) await generator.NextAsync(ct);
        return batches * batch / clock.Elapsed.TotalSeconds;
    }

    private static void ColourTransferTable(string folder, TextWriter report, CancellationToken ct)
    {
        var files = Directory.GetFiles(folder, "*.jpg").Order(StringComparer.Ordinal).ToArray();
        using var source = Face128(files[0]);
        using var target = Face128(files[5]);
        report.WriteLine("Colour transfer of one 128 px face (16 384 px) to another, median of 15 runs, one thread:");
        report.WriteLine();
        report.WriteLine("| mode | ms |");
        report.WriteLine("|---|---:|");
        foreach (var name in ColorTransfers.Names.Where(n => !ColorTransfers.IsNone(n)))
        {
            ct.ThrowIfCancellationRequested();
            var transfer = ColorTransfers.Create(name);
            transfer.Apply(source, target).Dispose();
            var times = new List<double>();
            for (var run = 0; run < 15; run++)
            {
                var clock = Stopwatch.StartNew();
                transfer.Apply(source, target, seed: run).Dispose();
                times.Add(clock.Elapsed.TotalMilliseconds);
            }
            times.Sort();
            report.WriteLine($"| {name} | {times[times.Count / 2]:F2} |");
        }
    }

    private static Mat Face128(string path)
    {
        var (image, _) = FaceImageFile.Read(path);
        using (image)
        using (var small = image.Resize(new Size(128, 128), 0, 0, InterpolationFlags.Area))
        {
            var result = new Mat();
            small.ConvertTo(result, MatType.CV_32FC3, 1.0 / 255);
            return result;
        }
    }

    /// <summary>Aligns every annotated photo with its ground-truth points and writes it as a face file.</summary>
    private static void WriteFaceSet(string folder)
    {
        var landmarkFolder = Path.Combine(BenchPaths.SharedData, "landmarks");
        var index = 0;
        foreach (var pts in Directory.EnumerateFiles(landmarkFolder, "*.pts", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var imagePath = Directory.EnumerateFiles(Path.GetDirectoryName(pts)!, Path.GetFileNameWithoutExtension(pts) + ".*")
                .Single(f => !f.EndsWith(".pts", StringComparison.Ordinal));
            var landmarks = ReadPts(pts);
            using var frame = Cv2.ImRead(imagePath, ImreadModes.Color);
            using var face = AlignedFace.Extract(frame, landmarks, FaceType.Full, 256);
            var t = face.ImageToFace;
            FaceImageFile.Write(Path.Combine(folder, $"{index++:D5}_0.jpg"), face.Image, new FaceMetadata
            {
                FaceType = face.FaceType.ToString(),
                Landmarks = [.. face.Landmarks],
                SourceFilename = Path.GetFileName(imagePath),
                SourceRect = [landmarks.Min(p => p.X), landmarks.Min(p => p.Y), landmarks.Max(p => p.X), landmarks.Max(p => p.Y)],
                SourceLandmarks = landmarks,
                ImageToFaceMat = [[t.M00, t.M01, t.M02], [t.M10, t.M11, t.M12]],
                Detector = "manual",
                Landmarker = "ground-truth",
            });
        }
    }

    // iBUG .pts: 1-based pixel coordinates between "{" and "}".
    private static Point2d[] ReadPts(string path) =>
        [.. File.ReadAllLines(path)
            .SkipWhile(l => l.Trim() != "{").Skip(1).TakeWhile(l => l.Trim() != "}")
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(p => new Point2d(double.Parse(p[0], CultureInfo.InvariantCulture) - 1, double.Parse(p[1], CultureInfo.InvariantCulture) - 1))];
}
