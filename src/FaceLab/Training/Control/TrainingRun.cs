using FaceLab.FaceSets;
using FaceLab.FaceSets.Packing;
using FaceLab.Training.Devices;
using FaceLab.Training.Models;
using FaceLab.Training.Sessions;

namespace FaceLab.Training.Control;

/// <summary>What a user can ask of a running trainer; each is carried out between two steps.</summary>
public enum TrainingAction
{
    /// <summary>Save a checkpoint now.</summary>
    Save,
    /// <summary>Save and keep a backup now.</summary>
    Backup,
    /// <summary>Save and stop.</summary>
    Stop,
}

/// <summary>A running trainer at one moment.</summary>
/// <param name="Training">True while steps run; false before the first and once stopped.</param>
/// <param name="LastMessage">The last event worth showing (a save, a roll-back), or null.</param>
public sealed record TrainingRunStatus(long Iteration, double LastIterationMs, float? SourceLoss, float? DestinationLoss, bool Training, DateTimeOffset? LastSave, string? LastMessage);

/// <summary>
/// One training run for a front end that runs it in the background (the studio): the model opened
/// from a <see cref="TrainingRunRequest"/> on two face sets, trained by <see cref="Run"/> on the
/// caller's thread, with its status, losses and actions readable from any other thread. Like the
/// CLI's <c>train</c>, it holds the model folder's lock while open: a second run of the model is refused.
/// </summary>
public sealed class TrainingRun : IDisposable
{
    private readonly IFaceSet _source;
    private readonly IFaceSet _destination;
    private readonly TrainingSession _session;
    private readonly long? _target;

    private TrainingRun(IFaceSet source, IFaceSet destination, TrainingSession session, long? target)
    {
        _source = source;
        _destination = destination;
        _session = session;
        _target = target;
    }

    /// <summary>The model folder (full path).</summary>
    public string Folder => _session.Folder;

    /// <summary>The iteration reached so far.</summary>
    public long Iteration => _session.Iteration;

    /// <summary>The iteration the run stops at, or null.</summary>
    public long? TargetIteration => _target;

    /// <summary>One line about the run: model, options, batch, faces and the iteration it starts from.</summary>
    public string Description =>
        $"{_session.Spec.ModelType} '{_session.Spec.Name}' ({_session.ModelOptions.ArchitectureText()}), batch {_session.BatchSize}, " +
        $"{_source.Count} src and {_destination.Count} dst faces, from iteration {_session.Iteration}";

    /// <summary>The latest status (iteration 0 and not training before the first step).</summary>
    public TrainingRunStatus Status => _session.Monitor.Status is { } s
        ? new TrainingRunStatus(s.Iteration, s.LastIterationMs, s.SourceLoss, s.DestinationLoss, s.State == TrainingState.Training, s.LastSave, s.LastMessage)
        : new TrainingRunStatus(_session.Iteration, 0, null, null, false, null, null);

    /// <summary>
    /// Opens (or creates) the model under <paramref name="modelsRoot"/> on the faces of
    /// <paramref name="sourceFaces"/> and <paramref name="destinationFaces"/> (folders or packs).
    /// </summary>
    public static TrainingRun Open(string modelsRoot, string sourceFaces, string destinationFaces, TrainingRunRequest request)
    {
        request = request.Validate();
        var definition = ModelRegistry.Get(request.ModelType);
        var options = request.GivesOptions
            ? NewModelOptions.From(definition, request.Preset, null, request.Options ?? new Dictionary<string, string>())
            : null;
        var sessionOptions = new TrainingSessionOptions
        {
            BatchSize = request.BatchSize,
            TargetIteration = request.TargetIteration,
            MaxMinutes = request.MaxMinutes,
            WritePreviewHistory = true,
            PreviewHistoryEvery = request.PreviewEvery,
            PreviewHistoryLimit = request.PreviewHistoryLimit,
            Device = DeviceSelection.Parse(request.Device),
        };
        sessionOptions.Validate();
        var source = FaceSet.Open(sourceFaces);
        IFaceSet? destination = null;
        try
        {
            destination = FaceSet.Open(destinationFaces);
            var session = TrainingSession.Open(modelsRoot, definition, request.Name, options, source, destination, sessionOptions);
            return new TrainingRun(source, destination, session, request.TargetIteration);
        }
        catch
        {
            destination?.Dispose();
            source.Dispose();
            throw;
        }
    }

    /// <summary>Trains until the target, the time limit, <see cref="TrainingAction.Stop"/> or <paramref name="ct"/>, then saves; progress lines go to <paramref name="log"/>.</summary>
    /// <returns>False when the model was already at the target.</returns>
    public bool Run(TextWriter log, CancellationToken ct) => _session.Run(log, ct);

    /// <summary>Queues <paramref name="action"/>; it is carried out between two steps.</summary>
    public void Request(TrainingAction action) => _session.Monitor.Request(action switch
    {
        TrainingAction.Save => TrainingRequest.Save,
        TrainingAction.Backup => TrainingRequest.Backup,
        _ => TrainingRequest.Stop,
    });

    /// <summary>The losses so far, as <see cref="ModelProgress.Losses"/> gives them for a saved model.</summary>
    public LossCurve Losses(long? lastIterations, int maxPoints) => LossCurve.Of(_session.Losses.Snapshot(), lastIterations, maxPoints);

    /// <summary>Releases the model, the face sets and the folder's lock.</summary>
    public void Dispose()
    {
        _session.Dispose();
        _destination.Dispose();
        _source.Dispose();
    }
}
