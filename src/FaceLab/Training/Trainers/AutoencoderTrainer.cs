using FaceLab.Training.Devices;
using FaceLab.Training.Losses;
using FaceLab.Training.Optimization;
using TorchSharp.Modules;

namespace FaceLab.Training.Trainers;

/// <summary>
/// The seed models' training: one Adam over all weights and the reconstruction loss of both
/// identities (<see cref="FaceLoss"/>), summed. State: <c>optimizer.bin</c>.
/// </summary>
internal sealed class AutoencoderTrainer : ModelTrainer
{
    private const string OptimizerFile = "optimizer.bin";
    private readonly Adam _optimizer;
    private readonly FaceLoss _loss;
    private readonly TrainingStep _step;

    public AutoencoderTrainer(DataParallelModel model, AdamOptions optimizer, LossOptions? loss = null) : base(model)
    {
        _optimizer = optimizer.Create(model.Primary.parameters());
        _loss = new FaceLoss(model.Primary.Resolution, loss ?? new LossOptions(), model.PrimaryDevice);
        _step = new TrainingStep(model, _optimizer, _loss);
    }

    public override StepLosses TrainStep(TrainingBatch batch) => _step.Run(batch);

    public override void SaveState(string checkpointFolder)
    {
        using var stream = File.Create(Path.Combine(checkpointFolder, OptimizerFile));
        OptimizerStateFile.Save(_optimizer, stream);
    }

    public override void LoadState(string checkpointFolder)
    {
        var path = Path.Combine(checkpointFolder, OptimizerFile);
        using var stream = File.OpenRead(path);
        OptimizerStateFile.Load(_optimizer, stream, path);
    }

    public override void Dispose()
    {
        _loss.Dispose();
        _optimizer.Dispose();
        base.Dispose();
    }
}
