using System.Diagnostics;
using System.Globalization;
using FaceLab.Assets;
using FaceLab.Faces.Extraction;
using FaceLab.Faces.Files;
using FaceLab.FaceSets;
using FaceLab.Media;
using FaceLab.Training.Inference;
using FaceLab.Training.Models;
using FaceLab.Training.Optimization;
using FaceLab.Training.Samples;
using FaceLab.Training.Sessions;
using OpenCvSharp;

namespace FaceLab.Bench;

/// <summary>
/// Whether MIAEF128 keeps dst's brightness in a dark scene where LIAEF128 does not. Demo faces
/// (default extraction at 128 px): src at 2 frames/s as they are; dst at 5 frames/s darkened to 40 %
/// (pixel values × 0.4, metadata kept), every 8th dark face from the first held out of training.
/// LIAEF128 then MIAEF128, both at the cpu-demo widths (64 px), train N iterations each in one run,
/// batch 8, Adam lr 2e-4, seed 1; each then swaps (dst → src) the held-out dark faces, cut at its
/// resolution and face type. Brightness is the mean gray level (0–255) inside the hull of the dst
/// landmarks: of the swap against that of the dark dst face it replaces, averaged over the
/// held-out faces, and their absolute difference; the src column is the mean gray of whole src
/// face images, for scale. s/iteration is the wall time of opening and training a model over N,
/// comparable between the rows only if nothing else shared the CPU. MIAEF128 learns src without
/// colour, so its swap should keep dst's brightness. Argument: [N=500] iterations per model.
/// </summary>
public sealed class DarkSceneBench : IBenchmark
{
    private const double Darkening = 0.4;

    public string Name => "dark-scene";

    public string Description => "MIAEF128 vs LIAEF128 swap brightness on a darkened dst set, same iterations and seed (default 500 each)";

    public string[] SuiteArguments => ["400"];

    public async Task RunAsync(string[] args, TextWriter report, CancellationToken ct)
    {
        var iterations = args.Length > 0 ? long.Parse(args[0], CultureInfo.InvariantCulture) : 500;
        var scratch = BenchPaths.Scratch("dark-scene");
        try
        {
            var src = await BenchFaces.ExtractAsync(AssetStore.Default.Require(AssetCatalog.DemoSourceVideo), Path.Combine(scratch, "src"), 2, ct);
            var dst = await BenchFaces.ExtractAsync(AssetStore.Default.Require(AssetCatalog.DemoDestinationVideo), Path.Combine(scratch, "dst"), 5, ct);
            var dark = Darken(dst, Path.Combine(scratch, "dark"));
            var heldOut = Directory.CreateDirectory(Path.Combine(scratch, "held-out")).FullName;
            var faces = Directory.GetFiles(dark, "*.jpg").Order(StringComparer.Ordinal).ToList();
            for (var i = 0; i < faces.Count; i += 8) File.Move(faces[i], Path.Combine(heldOut, Path.GetFileName(faces[i])));

            report.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"dst faces darkened to {Darkening:P0}; {iterations} iterations per model on {Environment.ProcessorCount} cores, cpu-demo widths, batch 8, Adam lr 2e-4, seed 1\n"));
            report.WriteLine("| model | s/iteration | held-out dark dst: mean gray | swap: mean gray | difference | src faces: mean gray |");
            report.WriteLine("|---|---|---|---|---|---|");
            var srcGray = MeanGray(src, null);
            foreach (var name in new[] { "LIAEF128", "MIAEF128" })
            {
                var definition = ModelRegistry.Get(name);
                var options = new TrainingSessionOptions
                {
                    BatchSize = 8,
                    TargetIteration = iterations,
                    AutosaveMinutes = 1e9,
                    Backups = 0,
                    ReportEvery = 1000,
                    Seed = 1,
                    Optimizer = new AdamOptions { LearningRate = 2e-4 },
                };
                string folder;
                var clock = Stopwatch.StartNew();
                using (var session = TrainingSession.Open(Path.Combine(scratch, "model"), definition, "dark", definition.Preset(ModelPresets.CpuDemo),
                           FolderFaceSet.Open(src), FolderFaceSet.Open(dark), options))
                {
                    session.Run(TextWriter.Null, ct);
                    folder = session.Folder;
                }
                using var model = TrainedModel.Open(folder);
                var (dstGray, swapGray) = SwapBrightness(model, heldOut);
                report.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {name} | {clock.Elapsed.TotalSeconds / iterations:0.00} | {dstGray:0.0} | {swapGray:0.0} | {Math.Abs(swapGray - dstGray):0.0} | {srcGray:0.0} |"));
            }
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    /// <summary>Mean gray level inside the hull of held-out dst faces and of their swaps, at the model's crop.</summary>
    private static (double Destination, double Swap) SwapBrightness(TrainedModel model, string heldOut)
    {
        var set = FolderFaceSet.Open(heldOut);
        using var crops = new FaceCropCache(set, new SampleOptions { Resolution = model.Resolution, FaceType = model.FaceType, CropMargin = 0 });
        double dst = 0, swap = 0;
        for (var i = 0; i < set.Count; i++)
        {
            var crop = crops.Get(i);
            using var hull = FaceLab.Faces.Alignment.FaceMasks.Hull(crops.ModelLandmarks(i), new Size(model.Resolution, model.Resolution));
            using var mask = new Mat();
            hull.ConvertTo(mask, MatType.CV_8UC1, hull.Depth() == MatType.CV_8U ? 1 : 255);
            using var prediction = model.Predict([crop.Image])[0];
            using var predicted = new Mat();
            prediction.Face.ConvertTo(predicted, MatType.CV_8UC3, 255);
            dst += Gray(crop.Image, mask);
            swap += Gray(predicted, mask);
        }
        return (dst / set.Count, swap / set.Count);
    }

    private static double MeanGray(string folder, Mat? mask)
    {
        var files = Directory.GetFiles(folder, "*.jpg");
        return files.Average(f =>
        {
            using var image = Cv2.ImRead(f);
            return Gray(image, mask);
        });
    }

    private static double Gray(Mat bgr, Mat? mask)
    {
        using var gray = bgr.CvtColor(ColorConversionCodes.BGR2GRAY);
        return mask is null ? Cv2.Mean(gray).Val0 : Cv2.Mean(gray, mask).Val0;
    }

    /// <summary>A copy of the face set at <see cref="Darkening"/> brightness, metadata kept.</summary>
    private static string Darken(string faces, string output)
    {
        Directory.CreateDirectory(output);
        foreach (var file in Directory.GetFiles(faces, "*.jpg"))
        {
            var (image, metadata) = FaceImageFile.Read(file);
            using (image)
            using (var darker = new Mat())
            {
                image.ConvertTo(darker, -1, Darkening);
                FaceImageFile.Write(Path.Combine(output, Path.GetFileName(file)), darker, metadata);
            }
        }
        return output;
    }
}
