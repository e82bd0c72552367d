using System.Collections.Concurrent;

namespace FaceLab.Training.Sessions;

/// <summary>Requests a user can make of a running trainer (the studio's buttons, Enter on the console).</summary>
public enum TrainingRequest
{
    Save,
    Backup,
    Stop,
}

/// <summary>
/// The trainer's public face while it runs: a status snapshot, the loss history and the latest
/// preview, readable from any thread; requests are queued and carried out between steps.
/// </summary>
public sealed class TrainingMonitor
{
    private readonly ConcurrentQueue<TrainingRequest> _requests = new();
    private volatile TrainingStatus? _status;

    public TrainingStatus? Status => _status;

    public LossHistory? Losses { get; internal set; }

    /// <summary>Raised after each save with the new status (the studio pushes the new preview).</summary>
    public event Action<TrainingStatus>? Saved;

    public void Request(TrainingRequest request) => _requests.Enqueue(request);

    internal bool TryTake(out TrainingRequest request) => _requests.TryDequeue(out request);

    internal void Publish(TrainingStatus status, bool saved = false)
    {
        _status = status;
        if (saved) Saved?.Invoke(status);
    }
}
