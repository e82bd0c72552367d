using System.Diagnostics;
using FaceLab.Training;
using FaceLab.Training.Devices;
using FaceLab.Training.Losses;
using FaceLab.Training.Models;
using FaceLab.Training.Optimization;
using static TorchSharp.torch;

namespace FaceLab.Bench;

/// <summary>
/// Times DF training iterations at its default widths through <see cref="TrainingStep"/>: random
/// faces and random binary masks, 10·(MSE + DSSIM) per side plus mask MSE, unmasked, Adam.
/// </summary>
internal static class DfIterationTimer
{
    /// <summary>The median ms of <paramref name="iterations"/> iterations after <paramref name="warmup"/> untimed ones.</summary>
    public static double MedianMs(int resolution, int batch, int warmup, int iterations)
    {
        using var model = new DfModel(DfModel.Defaults with { Resolution = resolution });
        using var optimizer = new AdamOptions().Create(model.parameters());
        using var loss = new FaceLoss(resolution, new LossOptions { Masked = false, MaskWeight = 1 });
        using var parallel = new DataParallelModel(model);
        var step = new TrainingStep(parallel, optimizer, loss);
        using var data = NewDisposeScope();
        var generator = new Generator(42);
        var src = rand([batch, 3, resolution, resolution], generator: generator);
        var dst = rand([batch, 3, resolution, resolution], generator: generator);
        var srcMask = (rand([batch, 1, resolution, resolution], generator: generator) > 0.5).to_type(ScalarType.Float32);
        var dstMask = (rand([batch, 1, resolution, resolution], generator: generator) > 0.5).to_type(ScalarType.Float32);
        var trainingBatch = new TrainingBatch(src, new FaceTarget(src, srcMask), dst, new FaceTarget(dst, dstMask));
        var times = new List<double>();
        for (var i = 0; i < warmup + iterations; i++)
        {
            var clock = Stopwatch.StartNew();
            step.Run(trainingBatch);
            if (i >= warmup) times.Add(clock.Elapsed.TotalMilliseconds);
        }
        return Median(times);
    }

    public static double Median(List<double> values)
    {
        values.Sort();
        return values[values.Count / 2];
    }
}
