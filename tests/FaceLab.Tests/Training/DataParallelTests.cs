using FaceLab.Training.Devices;
using FaceLab.Training.Losses;
using FaceLab.Training.Models;
using static TorchSharp.torch;

namespace FaceLab.Tests.Training;

/// <summary>The batch split over devices, exercised with two CPU "devices".</summary>
public class DataParallelTests
{
    [Theory]
    [InlineData("DF")]
    [InlineData("LIAEF128")]
    public void Split_batch_gives_the_same_outputs_and_gradients_as_one_batch(string name)
    {
        var descriptor = ModelRegistry.Get(name);
        var options = descriptor.TinyOptions() with { Resolution = 64 };
        using var model = descriptor.Create(options, seed: 7);
        using var split = new DataParallelModel(model, [CPU, CPU], () => descriptor.Create(options));
        using var single = new DataParallelModel(model);
        using var scope = NewDisposeScope();
        var (src, srcMask) = RealFaces.Batch(64, 4);
        var (dst, dstMask) = RealFaces.Batch(64, 4, offset: 1);
        using var loss = new FaceLoss(64);
        Tensor Total(ReconstructionPair p) =>
            loss.Compute(p.Source, new FaceTarget(src, srcMask)) + loss.Compute(p.Destination, new FaceTarget(dst, dstMask));

        var whole = single.Reconstruct(src, dst);
        Total(whole).backward();
        var expectedGrads = model.parameters().Select(p => p.grad!.clone()).ToList();
        model.zero_grad();

        var parts = split.Reconstruct(src, dst);
        Total(parts).backward();
        split.GatherGradients();

        Assert.True(whole.Source.Face.allclose(parts.Source.Face, rtol: 0, atol: 1e-5));
        Assert.True(whole.Destination.Mask.allclose(parts.Destination.Mask, rtol: 0, atol: 1e-5));
        var swapWhole = single.Forward(PredictionDirection.DestinationToSource, dst);
        var swapSplit = split.Forward(PredictionDirection.DestinationToSource, dst);
        Assert.True(swapWhole.Face.allclose(swapSplit.Face, rtol: 0, atol: 1e-5));
        foreach (var (expected, actual) in expectedGrads.Zip(model.parameters().Select(p => p.grad!)))
            Assert.True(expected.allclose(actual, rtol: 1e-4, atol: 1e-6));
    }
}
