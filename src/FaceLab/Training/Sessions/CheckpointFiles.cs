using System.Text.Json;
using FaceLab.Common;
using FaceLab.Training.Models;
using FaceLab.Training.Trainers;

namespace FaceLab.Training.Sessions;

/// <summary>Where a run stands: applied steps, the next sample batch, when it was saved.</summary>
internal sealed record CheckpointState(long Iteration, long NextBatch, DateTimeOffset SavedAt);

/// <summary>
/// The files of one checkpoint folder: <c>weights.bin</c> (with the architecture signature), the
/// trainer's state (e.g. <c>optimizer.bin</c>, Adam's moments: without them a resumed run is not
/// exact), <c>losses.bin</c> and <c>state.json</c>. Inference reads only the weights and the state.
/// </summary>
internal static class CheckpointFiles
{
    public const string Weights = "weights.bin";
    private const string Losses = "losses.bin";
    private const string State = "state.json";

    public static void Write(string dir, FaceSwapModel model, ModelTrainer trainer, LossHistory losses, CheckpointState state)
    {
        WeightsFile.Save(model, Path.Combine(dir, Weights));
        trainer.SaveState(dir);
        using (var stream = File.Create(Path.Combine(dir, Losses))) losses.Save(stream);
        File.WriteAllBytes(Path.Combine(dir, State), JsonSerializer.SerializeToUtf8Bytes(state));
    }

    /// <summary>Loads weights and trainer state in place; returns the loss history and the state.</summary>
    public static (LossHistory Losses, CheckpointState State) Read(string dir, FaceSwapModel model, ModelTrainer trainer)
    {
        WeightsFile.Load(model, Path.Combine(dir, Weights));
        trainer.LoadState(dir);
        var lossesPath = Path.Combine(dir, Losses);
        LossHistory losses;
        using (var stream = File.OpenRead(lossesPath)) losses = LossHistory.Load(stream, lossesPath);
        return (losses, ReadState(dir));
    }

    public static LossHistory ReadLosses(string dir)
    {
        var path = Path.Combine(dir, Losses);
        using var stream = File.OpenRead(path);
        return LossHistory.Load(stream, path);
    }

    public static CheckpointState ReadState(string dir)
    {
        var statePath = Path.Combine(dir, State);
        CheckpointState? state;
        try
        {
            state = JsonSerializer.Deserialize<CheckpointState>(File.ReadAllBytes(statePath));
        }
        catch (JsonException e)
        {
            throw new FaceLabException(statePath, "damaged checkpoint state", "restore a backup", e);
        }
        return state ?? throw new FaceLabException(statePath, "damaged checkpoint state", "restore a backup");
    }
}
