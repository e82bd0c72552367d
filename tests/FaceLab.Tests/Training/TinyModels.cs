using FaceLab.Training.Models;
using FaceLab.Training.Sessions;

namespace FaceLab.Tests.Training;

/// <summary>Tiny widths at a model's own resolution, and short training runs: every layer exercised, fast on a CPU.</summary>
internal static class TinyModels
{
    public static AutoencoderOptions TinyOptions(this ModelDefinition model) =>
        ((AutoencoderOptions)model.Defaults).Shrunk(ModelPresets.TinyShrinkFactor);

    /// <summary>The model's own tiny preset at its own resolution, for tests over every registered type (SAEHD's options are not an autoencoder's).</summary>
    public static ModelOptions TinyPreset(this ModelDefinition model) => model.Preset(ModelPresets.Tiny) with { Resolution = model.Defaults.Resolution };

    /// <summary>A run to <paramref name="target"/> with no autosave or backups between, batch 4.</summary>
    public static TrainingSessionOptions ShortRun(long target, int seed, int previewRows = 2) => new()
    {
        BatchSize = 4,
        TargetIteration = target,
        AutosaveMinutes = 1e9,
        Backups = 0,
        PreviewRows = previewRows,
        Seed = seed,
    };

    /// <summary>The saved loss history of a model folder's current checkpoint, as (src, dst) pairs flattened.</summary>
    public static float[] SavedLosses(string modelFolder)
    {
        using var stream = File.OpenRead(Path.Combine(new CheckpointStore(modelFolder).Current!, "losses.bin"));
        return [.. LossHistory.Load(stream, "losses").Snapshot().SelectMany(p => new[] { p.Source, p.Destination })];
    }
}
