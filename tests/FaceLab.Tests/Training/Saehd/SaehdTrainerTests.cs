using FaceLab.Training;
using FaceLab.Training.Devices;
using FaceLab.Training.Losses;
using FaceLab.Training.Models;
using FaceLab.Training.Optimization;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace FaceLab.Tests.Training.Saehd;

/// <summary>GAN and true face measured against power 0: same seed, same real faces, two steps.</summary>
public class SaehdTrainerTests(ITestOutputHelper output)
{
    private static readonly ModelDefinition Saehd = ModelRegistry.Get("SAEHD");

    private static ModelOptions Tiny(params (string Key, string Value)[] options) =>
        Saehd.Schema.With(Saehd.Preset(ModelPresets.Tiny), [.. options.Select(o => new KeyValuePair<string, string>(o.Key, o.Value))], "SAEHD");

    /// <summary>Every weight's gradient of the first step, and src→src of the src faces and the swap of the dst faces after the second.</summary>
    private static (float[] Gradients, float[] Swap) TwoSteps(ModelOptions options)
    {
        using var scope = NewDisposeScope();
        using var model = Saehd.Create(options, seed: 11);
        using var parallel = new DataParallelModel(model);
        using var trainer = Saehd.CreateTrainer(parallel, new AdamOptions { LearningRate = 1e-3 });
        var (sourceFaces, sourceMasks) = RealFaces.Batch(64, 2);
        var (destinationFaces, destinationMasks) = RealFaces.Batch(64, 2, offset: 2);
        var batch = new TrainingBatch(sourceFaces, new FaceTarget(sourceFaces, sourceMasks, sourceMasks), destinationFaces, new FaceTarget(destinationFaces, destinationMasks, destinationMasks));
        Assert.True(trainer.TrainStep(batch).Applied);
        var gradients = model.parameters().SelectMany(p => p.grad is { } g ? g.data<float>().ToArray() : []).ToArray();
        Assert.True(trainer.TrainStep(batch).Applied);
        return (gradients, [.. model.Predict(PredictionDirection.SourceToSource, sourceFaces).Face.data<float>(),
            .. model.Predict(PredictionDirection.DestinationToSource, destinationFaces).Face.data<float>()]);
    }

    /// <summary>Relative L2 difference of the gradients, and the mean absolute difference of the swaps.</summary>
    private static (double Gradients, double Swap) Difference((float[] Gradients, float[] Swap) a, (float[] Gradients, float[] Swap) b)
    {
        var gradientNorm = Math.Sqrt(a.Gradients.Sum(g => (double)g * g));
        var gradientDifference = Math.Sqrt(a.Gradients.Zip(b.Gradients, (x, y) => (double)(x - y) * (x - y)).Sum());
        return (gradientDifference / gradientNorm, a.Swap.Zip(b.Swap, (x, y) => (double)Math.Abs(x - y)).Average());
    }

    [Theory]
    [InlineData("liae-ud", "gan_power", "1")]
    [InlineData("df-ud", "true_face_power", "0.5")]
    public void Power_above_zero_changes_gradients_and_outputs_against_power_zero(string archi, string option, string power)
    {
        var off = TwoSteps(Tiny(("archi", archi)));
        var again = TwoSteps(Tiny(("archi", archi)));
        var on = TwoSteps(Tiny(("archi", archi), (option, power)));
        // The same seed trains bit for bit the same (difference 0), so any difference below is the power's doing.
        Assert.Equal((0.0, 0.0), Difference(off, again));
        var (gradients, outputs) = Difference(off, on);
        output.WriteLine($"{option} {power} vs 0: gradients differ by {gradients:P3} (relative L2), src→src and swap after two steps by {outputs:E2} (mean |Δ|)");
        // Measured (tiny widths, 64 px, lr 1e-3): GAN 1 on liae-ud 0.13 % of the gradients and 1.3e-6 of the outputs; true face 0.5 on df-ud far more (110 % of the encoder's gradients).
        Assert.True(gradients > 1e-4, $"gradients differ by {gradients:P4}");
        Assert.True(outputs > 1e-7, $"outputs differ by {outputs:E2}");
    }
}
