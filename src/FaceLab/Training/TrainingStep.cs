using FaceLab.Training.Devices;
using FaceLab.Training.Losses;
using static TorchSharp.torch;

namespace FaceLab.Training;

/// <summary>The losses of one step; <see cref="Applied"/> is false when a non-finite loss skipped the update.</summary>
internal sealed record StepLosses(double Source, double Destination, bool Applied)
{
    public double Total => Source + Destination;
}

/// <summary>
/// One optimisation step of a face-swap model on a batch of both identities: forward, the two
/// identities' losses, backward, gradient gathering across devices, the optimizer update, weight
/// broadcast. Each step runs in its own TorchSharp dispose scope, so no intermediate tensor
/// outlives it. A NaN or infinite loss leaves the weights untouched (the trainer decides what
/// to do next, e.g. roll back).
/// </summary>
internal sealed class TrainingStep
{
    private readonly DataParallelModel model;
    private readonly optim.Optimizer optimizer;
    private readonly FaceLoss loss;

    public TrainingStep(DataParallelModel model, optim.Optimizer optimizer, FaceLoss loss)
    {
        this.model = model;
        this.optimizer = optimizer;
        this.loss = loss;
    }

    public StepLosses Run(TrainingBatch batch)
    {
        using var scope = NewDisposeScope();
        var onDevice = batch.To(model.PrimaryDevice);
        model.Primary.train();
        optimizer.zero_grad();
        model.ZeroGradients();
        var reconstruction = model.Reconstruct(onDevice.SourceInput, onDevice.DestinationInput);
        var sourceLoss = loss.Compute(reconstruction.Source, onDevice.Source);
        var destinationLoss = loss.Compute(reconstruction.Destination, onDevice.Destination);
        var source = sourceLoss.item<float>();
        var destination = destinationLoss.item<float>();
        if (!float.IsFinite(source) || !float.IsFinite(destination)) return new StepLosses(source, destination, Applied: false);
        (sourceLoss + destinationLoss).backward();
        model.GatherGradients();
        optimizer.step();
        model.BroadcastWeights();
        return new StepLosses(source, destination, Applied: true);
    }
}
