using FaceLab.Common;
using FaceLab.Training.Models;

namespace FaceLab.Workflow;

/// <summary>
/// How the workflow trains: the model type and preset, the batch size, the learning rate and the
/// time budget. <see cref="CpuDemo"/> is what buys the most swap per CPU-minute that we measured
/// (bench/RESULTS.md, demo quality); a GPU user raises the budget or picks the default preset.
/// </summary>
public sealed record SwapTrainingRecipe
{
    /// <summary>The demo's recipe: a small DF at 64 px, batch 16, Adam at 2e-4 (DeepFaceLab's 5e-5 is too slow for minutes).</summary>
    public static SwapTrainingRecipe CpuDemo { get; } = new();

    /// <summary>Registered model type [DF].</summary>
    public string Model { get; init; } = "DF";

    /// <summary>Model preset [cpu-demo].</summary>
    public string Preset { get; init; } = ModelPresets.CpuDemo;

    /// <summary>Faces per step [16].</summary>
    public int BatchSize { get; init; } = 16;

    /// <summary>Adam learning rate [2e-4].</summary>
    public double LearningRate { get; init; } = 2e-4;

    /// <summary>Minutes of training in total, over every run of the workflow [10].</summary>
    public double Minutes { get; init; } = 10;

    /// <summary>Stop at this model iteration, or when the minutes are spent if that comes first [null: train the minutes].</summary>
    public long? TargetIteration { get; init; }

    /// <summary>Random seed of the model and its samples [1].</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Throws when a value is out of range or a name is unknown.</summary>
    public void Validate()
    {
        var model = ModelRegistry.Get(Model);
        model.Preset(Preset);
        if (BatchSize is < 1 or > 256) throw new FaceLabException($"batch size {BatchSize}", "must be 1–256", null);
        if (!(LearningRate is > 0 and < 1)) throw new FaceLabException($"learning rate {LearningRate}", "must be between 0 and 1", null);
        if (!(Minutes is >= 0 and < 1e6)) throw new FaceLabException($"{Minutes} minutes of training", "must be zero or more", null);
        if (TargetIteration is < 1) throw new FaceLabException($"target iteration {TargetIteration}", "must be at least 1", null);
    }
}
