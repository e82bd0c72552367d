using System.Diagnostics;
using System.Globalization;
using FaceLab.Assets;
using FaceLab.Faces.Extraction;
using FaceLab.Media;
using FaceLab.Training.Losses;
using FaceLab.Training.Models;
using FaceLab.Training.Optimization;
using FaceLab.Training.Samples;
using FaceLab.Training.Sessions;
using static TorchSharp.torch;
using FaceLab.FaceSets;

namespace FaceLab.Bench;

/// <summary>
/// What the CPU demo preset reaches in a fixed time budget. Demo faces (default extraction at
/// 128 px): src at 2 frames/s, dst at every frame with every 10th face from the first held out of
/// training. DF with the cpu-demo preset (64 px, e 32, ae 128, d 32) trains for M minutes of wall
/// time, batch 16, Adam lr 2e-4 (the demo's setting), seed 1. Quality is the SSIM (Gaussian window
/// σ 1.5, the loss's DSSIM: SSIM = 1 − 2·DSSIM) of the dst → dst reconstructions of all held-out
/// faces against themselves, at the model's resolution without random transform or warp, measured
/// before training (the initial model) and after. s/iteration = training wall time / iterations.
/// Argument: [M=10] minutes.
/// </summary>
public sealed class DemoQualityBench : IBenchmark
{
    public string Name => "demo-quality";

    public string Description => "dst→dst SSIM on held-out demo faces after N minutes of the cpu-demo preset (default 10)";

    public string[] SuiteArguments => ["10"];

    public async Task RunAsync(string[] args, TextWriter report, CancellationToken ct)
    {
        var minutes = args.Length > 0 ? double.Parse(args[0], CultureInfo.InvariantCulture) : 10;
        var scratch = BenchPaths.Scratch("demo-quality");
        try
        {
            var src = await BenchFaces.ExtractAsync(AssetStore.Default.Require(AssetCatalog.DemoSourceVideo), Path.Combine(scratch, "src"), 2, ct);
            var dst = await BenchFaces.ExtractAsync(AssetStore.Default.Require(AssetCatalog.DemoDestinationVideo), Path.Combine(scratch, "dst"), null, ct);
            var heldOut = Directory.CreateDirectory(Path.Combine(scratch, "held-out")).FullName;
            var faces = Directory.GetFiles(dst, "*.jpg").Order(StringComparer.Ordinal).ToList();
            for (var i = 0; i < faces.Count; i += 10) File.Move(faces[i], Path.Combine(heldOut, Path.GetFileName(faces[i])));

            var model = ModelRegistry.Get("DF");
            var options = new TrainingSessionOptions
            {
                BatchSize = 16,
                MaxMinutes = minutes,
                AutosaveMinutes = 1e9,
                Backups = 0,
                ReportEvery = 50,
                Seed = 1,
                Optimizer = new AdamOptions { LearningRate = 2e-4 },
            };
            using var session = TrainingSession.Open(Path.Combine(scratch, "model"), model.Name, "quality", model.Preset(ModelPresets.CpuDemo),
                FolderFaceSet.Open(src), FolderFaceSet.Open(dst), options);
            var before = Ssim(session, heldOut);
            var sw = Stopwatch.StartNew();
            session.Run(TextWriter.Null, ct);
            var after = Ssim(session, heldOut);

            report.WriteLine($"DF cpu-demo ({session.ModelOptions.ArchitectureText()}), batch 16, Adam lr 2e-4, seed 1, {minutes} min on {Environment.ProcessorCount} cores");
            report.WriteLine($"train: {Directory.GetFiles(src, "*.jpg").Length} src faces, {faces.Count - Directory.GetFiles(heldOut).Length} dst faces; held out: {Directory.GetFiles(heldOut).Length} dst faces\n");
            report.WriteLine("| iterations | s/iteration | held-out dst→dst SSIM before | after |");
            report.WriteLine("|---|---|---|---|");
            report.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {session.Iteration} | {sw.Elapsed.TotalSeconds / Math.Max(1, session.Iteration):0.00} | {before:0.000} | {after:0.000} |"));
            report.WriteLine($"\npreview of the swap: {Path.Combine(session.Folder, "preview.jpg")} (deleted with the scratch folder; copy it first if wanted)");
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    private static double Ssim(TrainingSession session, string heldOut)
    {
        var set = FolderFaceSet.Open(heldOut);
        var still = new SampleOptions { Resolution = session.Resolution, FaceType = session.ModelOptions.FaceType, Transform = SampleTransformOptions.None, RandomWarp = false };
        using var cache = new FaceCropCache(set, still);
        var batch = new SampleBatchFactory(cache, still, set.Count, 0, new HeldOutChooser()).Build(0);
        using var scope = NewDisposeScope();
        using var dssim = new Dssim(session.Resolution);
        var target = tensor(batch.Targets, batch.ImageShape);
        var predicted = session.Predict(PredictionDirection.DestinationToDestination, target).Face.cpu();
        return 1 - 2 * dssim.Compute(predicted, target).item<float>();
    }

    private sealed class HeldOutChooser : IFaceChooser
    {
        public FaceChoice Choose(long batchIndex, int sampleIndex, SampleRandom random) => new(sampleIndex, Flip: false);
    }
}
