using FaceLab.Common;
using FaceLab.Studio.Api;

namespace FaceLab.Studio.Jobs;

/// <summary>
/// One background operation: its progress, log and end state, changed by the worker thread and
/// read by requests, hence under a lock. Every change tells the runner, which wakes the live channel.
/// </summary>
public sealed class StudioJob : IProgress<OperationProgress>, IDisposable
{
    private const int MaxLogLines = 2000;

    private readonly Lock _gate = new();
    private readonly List<JobLogLine> _log = [];
    private readonly Action _changed;
    private readonly CancellationTokenSource _cancel = new();
    private JobState _state = JobState.Running;
    private JobProgressSnapshot? _progress;
    private string? _summary;
    private ErrorBody? _error;
    private DateTimeOffset? _ended;
    private long _version;

    internal StudioJob(int id, string kind, string resource, string resourceShown, Action changed)
    {
        Id = id;
        Kind = kind;
        Resource = resource;
        ResourceShown = resourceShown;
        _changed = changed;
        Started = DateTimeOffset.UtcNow;
    }

    public int Id { get; }

    /// <summary>What runs, as the CLI names it: <c>faces sort</c>, <c>faces extract</c>.</summary>
    public string Kind { get; }

    /// <summary>The full path of the folder the job holds; no second job may run on it.</summary>
    public string Resource { get; }

    /// <summary><see cref="Resource"/> relative to the workspace.</summary>
    public string ResourceShown { get; }

    public DateTimeOffset Started { get; }

    public CancellationToken CancellationToken => _cancel.Token;

    public bool IsRunning
    {
        get
        {
            lock (_gate) return _state == JobState.Running;
        }
    }

    /// <summary>Asks the operation to stop; it ends as <see cref="JobState.Cancelled"/> once it has stopped.</summary>
    public void Cancel()
    {
        if (!IsRunning) return;
        Log("cancel requested");
        _cancel.Cancel();
    }

    public void Dispose() => _cancel.Dispose();

    public void Report(OperationProgress value)
    {
        Update(() =>
        {
            if (_progress?.Stage != value.Stage) AddLine(value.Stage + (value.Total is { } total ? $" ({total} {value.Unit})" : ""));
            _progress = new JobProgressSnapshot(value.Stage, value.Done, value.Total, value.Unit);
        });
    }

    public void Log(string text) => Update(() => AddLine(text));

    internal void Succeed(string summary) => End(JobState.Succeeded, summary, null);

    internal void Fail(ErrorBody error) => End(JobState.Failed, null, error);

    internal void Cancelled() => End(JobState.Cancelled, null, null);

    public JobSnapshot Snapshot()
    {
        lock (_gate)
            return new JobSnapshot(Id, Kind, ResourceShown, _state, _progress, _summary, _error, Started, _ended, _version, _log.Count);
    }

    /// <summary>The log lines from <paramref name="from"/> on.</summary>
    public IReadOnlyList<JobLogLine> LogLines(int from = 0)
    {
        lock (_gate) return [.. _log.Skip(Math.Max(0, from))];
    }

    private void End(JobState state, string? summary, ErrorBody? error) => Update(() =>
    {
        _state = state;
        _summary = summary;
        _error = error;
        _ended = DateTimeOffset.UtcNow;
        AddLine(state switch
        {
            JobState.Succeeded => "done: " + summary,
            JobState.Failed => $"failed: {error!.Subject}: {error.Problem}" + (error.Hint is null ? "" : $" ({error.Hint})"),
            _ => "cancelled",
        });
    });

    private void AddLine(string text)
    {
        if (_log.Count == MaxLogLines) _log.RemoveAt(0);
        _log.Add(new JobLogLine(DateTimeOffset.UtcNow, text));
    }

    private void Update(Action change)
    {
        lock (_gate)
        {
            change();
            _version++;
        }
        _changed();
    }
}
