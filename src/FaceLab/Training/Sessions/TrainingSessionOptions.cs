using FaceLab.Training.Devices;

namespace FaceLab.Training.Sessions;

/// <summary>How a training run behaves (not what the model is: that is its options). Defaults in brackets.</summary>
public sealed record TrainingSessionOptions
{
    /// <summary>Samples per identity per step [8]; saved with the model and reused by later runs unless changed.</summary>
    public int? BatchSize { get; init; }

    /// <summary>Stop (and save) at this iteration; null runs until stopped [null].</summary>
    public long? TargetIteration { get; init; }

    /// <summary>Stop (and save) after this many minutes of this run; null for no limit [null].</summary>
    public double? MaxMinutes { get; init; }

    /// <summary>Save every this many minutes [15].</summary>
    public double AutosaveMinutes { get; init; } = 15;

    /// <summary>Also save every this many iterations; null for time only [null].</summary>
    public long? AutosaveIterations { get; init; }

    /// <summary>Rotating backups kept in <c>backups/</c>; 0 for none [3].</summary>
    public int Backups { get; init; } = 3;

    /// <summary>Minutes between backups [60].</summary>
    public double BackupMinutes { get; init; } = 60;

    /// <summary>Write a preview into <c>history/</c> every <see cref="PreviewHistoryEvery"/> iterations [off].</summary>
    public bool WritePreviewHistory { get; init; }

    /// <summary>Iterations between history previews [100].</summary>
    public int PreviewHistoryEvery { get; init; } = 100;

    /// <summary>Console line every this many iterations [10].</summary>
    public int ReportEvery { get; init; } = 10;

    /// <summary>Rows of the preview grid, chosen once and kept across restarts [4].</summary>
    public int PreviewRows { get; init; } = 4;

    /// <summary>Where to train: cpu, best (the GPU with the most memory) or GPU indices "0,1" [cpu].</summary>
    public DeviceSelection Device { get; init; } = DeviceSelection.Cpu;

    /// <summary>Seed of a new model's initial weights and sample order; a resumed model keeps its own [1].</summary>
    public int Seed { get; init; } = 1;

    /// <summary>The optimizer [Adam lr 5e-5, β1 0.5, β2 0.999: DeepFaceLab 2018]; may change between runs.</summary>
    public Optimization.AdamOptions Optimizer { get; init; } = new();

    /// <summary>Sample-pipeline worker threads [1: the step itself uses all cores].</summary>
    public int SampleWorkers { get; init; } = 1;
}
