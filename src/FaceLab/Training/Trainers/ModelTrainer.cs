using FaceLab.Training.Devices;
using FaceLab.Training.Models;

namespace FaceLab.Training.Trainers;

/// <summary>
/// How a model type learns: its optimizers (and their parameter groups), its losses and any extra
/// networks such as discriminators, one step at a time. The training session owns what every
/// model shares (the loop, checkpoints, backups, roll-back, previews); a model type returns its
/// trainer from <see cref="ModelDefinition.CreateTrainer"/>.
/// </summary>
internal abstract class ModelTrainer : IDisposable
{
    protected ModelTrainer(DataParallelModel model)
    {
        Model = model;
    }

    /// <summary>The model on its devices (the primary holds the weights that are saved).</summary>
    public DataParallelModel Model { get; }

    /// <summary>One optimisation step; a non-finite loss must leave the weights untouched and return <c>Applied = false</c>.</summary>
    public abstract StepLosses TrainStep(TrainingBatch batch);

    /// <summary>Writes the optimizers' (and extra networks') state into a checkpoint folder being written.</summary>
    public abstract void SaveState(string checkpointFolder);

    /// <summary>Restores what <see cref="SaveState"/> wrote; a resumed run must continue bit-exactly.</summary>
    public abstract void LoadState(string checkpointFolder);

    public virtual void Dispose() => GC.SuppressFinalize(this);
}
