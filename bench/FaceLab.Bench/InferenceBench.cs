using System.Diagnostics;
using System.Globalization;
using FaceLab.Assets;
using FaceLab.FaceSets;
using FaceLab.Training.Inference;
using FaceLab.Training.Models;
using FaceLab.Training.Samples;
using FaceLab.Training.Sessions;
using OpenCvSharp;

namespace FaceLab.Bench;

/// <summary>
/// The merge's other cost, the model: milliseconds per face of the swap through
/// <see cref="TrainedModel"/>. DF at the cpu-demo widths (64 px) and at its default widths (128 px)
/// is trained one iteration (batch 2) on demo faces (default extraction at 128 px of the src video
/// at 0.5 frames/s and the dst video at 2 frames/s), saved and opened for inference. The swap of real
/// dst faces (dst → src with its predicted mask, plus the dst decoder's mask, the encoder run once
/// for both), cut at the model's resolution and face type beforehand, is timed on the CPU in batches
/// of 1, 8 and 16 faces: one warm-up call per batch, then the median of 5 calls, wall time divided
/// by the batch; the conversion of faces to and from tensors is included. No arguments.
/// </summary>
public sealed class InferenceBench : IBenchmark
{
    private static readonly int[] Batches = [1, 8, 16];

    public string Name => "inference";

    public string Description => "ms per face of the swap through TrainedModel (DF cpu-demo 64 px, DF 128 px), batches of 1, 8, 16";

    public async Task RunAsync(string[] args, TextWriter report, CancellationToken ct)
    {
        var scratch = BenchPaths.Scratch("inference");
        try
        {
            var src = await BenchFaces.ExtractAsync(AssetStore.Default.Require(AssetCatalog.DemoSourceVideo), Path.Combine(scratch, "src"), 0.5, ct);
            var dst = await BenchFaces.ExtractAsync(AssetStore.Default.Require(AssetCatalog.DemoDestinationVideo), Path.Combine(scratch, "dst"), 2, ct);
            report.WriteLine($"{Environment.ProcessorCount} cores, CPU; a swap also runs the dst decoder for the learned dst mask\n");
            report.WriteLine("| model | batch 1 | batch 8 | batch 16 |");
            report.WriteLine("|---|---|---|---|");
            var df = ModelRegistry.Get("DF");
            foreach (var (label, options) in new[] { ("DF cpu-demo 64 px", df.Preset(ModelPresets.CpuDemo)), ("DF 128 px", df.Defaults) })
            {
                string folder;
                using (var session = TrainingSession.Open(Path.Combine(scratch, "model"), df, label.Replace(' ', '-'), options,
                           FolderFaceSet.Open(src), FolderFaceSet.Open(dst), new TrainingSessionOptions { BatchSize = 2, TargetIteration = 1, Backups = 0 }))
                {
                    session.Run(TextWriter.Null, ct);
                    folder = session.Folder;
                }
                using var model = TrainedModel.Open(folder);
                var set = FolderFaceSet.Open(dst);
                using var crops = new FaceCropCache(set, new SampleOptions { Resolution = model.Resolution, FaceType = model.FaceType, CropMargin = 0 });
                var faces = Enumerable.Range(0, 16).Select(i => crops.Get(i % set.Count).Image).ToList();
                var cells = Batches.Select(batch => MillisecondsPerFace(model, faces.Take(batch).ToList()));
                report.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {label} | {string.Join(" | ", cells.Select(ms => $"{ms:0.0} ms"))} |"));
            }
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    private static double MillisecondsPerFace(TrainedModel model, IReadOnlyList<Mat> faces)
    {
        foreach (var p in model.Predict(faces)) p.Dispose(); // warm-up
        var runs = new List<double>();
        for (var run = 0; run < 5; run++)
        {
            var clock = Stopwatch.StartNew();
            foreach (var p in model.Predict(faces)) p.Dispose();
            runs.Add(clock.Elapsed.TotalMilliseconds / faces.Count);
        }
        return runs.Order().ElementAt(runs.Count / 2);
    }
}
