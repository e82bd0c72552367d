using System.Text.Json;
using FaceLab.Common;
using FaceLab.Training.Models;
using FaceLab.Training.Optimization;
using TorchSharp.Modules;

namespace FaceLab.Training.Sessions;

/// <summary>Where a run stands: applied steps, the next sample batch, when it was saved.</summary>
internal sealed record CheckpointState(long Iteration, long NextBatch, DateTimeOffset SavedAt);

/// <summary>
/// The files of one checkpoint folder: <c>weights.bin</c> (with the architecture signature),
/// <c>optimizer.bin</c> (Adam's moments: without them a resumed run is not exact),
/// <c>losses.bin</c> and <c>state.json</c>.
/// </summary>
internal static class CheckpointFiles
{
    public static void Write(string dir, FaceSwapModel model, Adam optimizer, LossHistory losses, CheckpointState state)
    {
        WeightsFile.Save(model, Path.Combine(dir, "weights.bin"));
        using (var stream = File.Create(Path.Combine(dir, "optimizer.bin"))) OptimizerStateFile.Save(optimizer, stream);
        using (var stream = File.Create(Path.Combine(dir, "losses.bin"))) losses.Save(stream);
        File.WriteAllBytes(Path.Combine(dir, "state.json"), JsonSerializer.SerializeToUtf8Bytes(state));
    }

    /// <summary>Loads weights and optimizer state in place; returns the loss history and the state.</summary>
    public static (LossHistory Losses, CheckpointState State) Read(string dir, FaceSwapModel model, Adam optimizer)
    {
        WeightsFile.Load(model, Path.Combine(dir, "weights.bin"));
        var optimizerPath = Path.Combine(dir, "optimizer.bin");
        using (var stream = File.OpenRead(optimizerPath)) OptimizerStateFile.Load(optimizer, stream, optimizerPath);
        var lossesPath = Path.Combine(dir, "losses.bin");
        LossHistory losses;
        using (var stream = File.OpenRead(lossesPath)) losses = LossHistory.Load(stream, lossesPath);
        var statePath = Path.Combine(dir, "state.json");
        CheckpointState? state;
        try
        {
            state = JsonSerializer.Deserialize<CheckpointState>(File.ReadAllBytes(statePath));
        }
        catch (JsonException e)
        {
            throw new FaceLabException($"{statePath}: damaged checkpoint state ({e.Message.Split('.')[0]})", e);
        }
        return (losses, state ?? throw new FaceLabException($"{statePath}: damaged checkpoint state"));
    }
}
