using FaceLab.Common;
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

    /// <summary>
    /// The clock <see cref="MaxMinutes"/> is counted on [the system clock]. A benchmark that compares
    /// budgets counts the process's CPU time instead, so other load on the machine does not shrink them.
    /// </summary>
    public TimeProvider BudgetClock { get; init; } = TimeProvider.System;

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

    /// <summary>
    /// Previews kept in <c>history/</c> at most; beyond it the history is thinned evenly over the
    /// run (the first and the newest stay); null keeps every one [null].
    /// </summary>
    public int? PreviewHistoryLimit { get; init; }

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

    /// <summary>
    /// Bytes of decoded face crops kept in memory, src and dst together; beyond it crops are made
    /// again from their files [null: <see cref="DefaultCropCacheBytes"/>].
    /// </summary>
    public long? CropCacheBytes { get; init; }

    /// <summary>The crop cache used: <see cref="CropCacheBytes"/> or its default.</summary>
    public long CropCacheBudget => CropCacheBytes ?? DefaultCropCacheBytes;

    /// <summary>A quarter of the memory this process may use (physical memory, or the container's limit): the model, the optimizer and libtorch need the rest.</summary>
    public static long DefaultCropCacheBytes => GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 4;

    /// <summary>Rejects numbers no run could use (a negative target, no minutes, no backups to keep...).</summary>
    public void Validate()
    {
        static void Require(bool ok, string option, object? value, string allowed)
        {
            if (!ok) throw new FaceLabException($"training option {option}", $"{value} is not allowed", allowed);
        }
        Require(BatchSize is null or (>= 1 and <= 4096), "batch size", BatchSize, "1..4096");
        Require(TargetIteration is null or >= 0, "target iteration", TargetIteration, "0 or more");
        Require(MaxMinutes is null || (double.IsFinite(MaxMinutes.Value) && MaxMinutes > 0), "minutes", MaxMinutes, "more than 0");
        Require(double.IsFinite(AutosaveMinutes) && AutosaveMinutes > 0, "autosave minutes", AutosaveMinutes, "more than 0");
        Require(AutosaveIterations is null or >= 1, "autosave iterations", AutosaveIterations, "1 or more");
        Require(Backups is >= 0 and <= 1000, "backups", Backups, "0..1000");
        Require(double.IsFinite(BackupMinutes) && BackupMinutes > 0, "backup minutes", BackupMinutes, "more than 0");
        Require(PreviewHistoryEvery >= 1, "preview history interval", PreviewHistoryEvery, "1 or more");
        Require(PreviewHistoryLimit is null or >= 2, "preview history limit", PreviewHistoryLimit, "2 or more");
        Require(ReportEvery >= 1, "report interval", ReportEvery, "1 or more");
        Require(PreviewRows is >= 1 and <= 64, "preview rows", PreviewRows, "1..64");
        Require(SampleWorkers is >= 1 and <= 64, "sample workers", SampleWorkers, "1..64");
        Require(CropCacheBytes is null or >= 0, "crop cache size", CropCacheBytes, "0 or more bytes");
    }
}
