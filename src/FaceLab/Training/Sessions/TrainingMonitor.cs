using System.Collections.Concurrent;

namespace FaceLab.Training.Sessions;

/// <summary>Requests a user can make of a running trainer (the studio's buttons, Enter on the console).</summary>
public enum TrainingRequest
{
    /// <summary>Save a checkpoint now.</summary>
    Save,
    /// <summary>Save and keep a backup now.</summary>
    Backup,
    /// <summary>Save and stop.</summary>
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

    /// <summary>The latest status, or null before the first step.</summary>
    public TrainingStatus? Status => _status;

    /// <summary>The loss history of the running session.</summary>
    public LossHistory? Losses { get; internal set; }

    /// <summary>Raised after each save with the new status (the studio pushes the new preview).</summary>
    public event Action<TrainingStatus>? Saved;

    /// <summary>Queues <paramref name="request"/>; it is carried out between steps.</summary>
    public void Request(TrainingRequest request) => _requests.Enqueue(request);

    internal bool TryTake(out TrainingRequest request) => _requests.TryDequeue(out request);

    internal void Publish(TrainingStatus status, bool saved = false)
    {
        _status = status;
        if (saved) Saved?.Invoke(status);
    }
}
