using FaceLab.Common;
using FaceLab.Studio.Api;
using FaceLab.Studio.Security;
using Microsoft.Extensions.Logging;

namespace FaceLab.Studio.Jobs;

/// <summary>
/// Runs long operations in the background, independent of any request or page: closing the
/// browser leaves them running, and the page shows them again when it reopens. One job per folder
/// at a time: a second one on a folder a job holds is refused at once, and so is one on a folder
/// another FaceLab process (the CLI) has locked; the operations themselves lock their folder too.
/// </summary>
public sealed class JobRunner(ILogger<JobRunner> logger) : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly List<StudioJob> _jobs = [];
    private readonly List<Task> _running = [];
    private TaskCompletionSource _changed = NewSignal();
    private int _nextId = 1;

    /// <summary>Every job of this studio run, oldest first.</summary>
    public IReadOnlyList<StudioJob> All
    {
        get
        {
            lock (_gate) return [.. _jobs];
        }
    }

    public StudioJob Get(int id) =>
        All.FirstOrDefault(j => j.Id == id) ?? throw StudioRequestException.NotFound($"job {id}", "no such job");

    /// <summary>Completes at the next change of any job (start, progress, log, end).</summary>
    public Task NextChange
    {
        get
        {
            lock (_gate) return _changed.Task;
        }
    }

    /// <summary>
    /// Starts <paramref name="work"/> on <paramref name="resource"/> (a full path) as a job; its
    /// result is the job's summary. Refused with 409 when a job or another process holds the folder.
    /// </summary>
    public StudioJob Start(string kind, string resource, string resourceShown, Func<StudioJob, Task<string>> work)
    {
        resource = Path.TrimEndingDirectorySeparator(Path.GetFullPath(resource));
        StudioJob job;
        lock (_gate)
        {
            EnsureIdleLocked(resource, resourceShown);
            ProbeOtherProcesses(resource, resourceShown, kind);
            job = new StudioJob(_nextId++, kind, resource, resourceShown, Notify);
            _jobs.Add(job);
            _running.Add(Task.Run(() => RunAsync(job, work)));
        }
        job.Log($"{kind} {resourceShown}");
        return job;
    }

    /// <summary>Refuses (409) when a running job holds <paramref name="resource"/>: for quick operations that change a folder.</summary>
    public void EnsureIdle(string resource, string resourceShown)
    {
        lock (_gate) EnsureIdleLocked(Path.TrimEndingDirectorySeparator(Path.GetFullPath(resource)), resourceShown);
    }

    /// <summary>Cancels every running job and waits for them to stop (they keep what they finished).</summary>
    public async ValueTask DisposeAsync()
    {
        Task[] running;
        lock (_gate) running = [.. _running];
        foreach (var job in All) job.Cancel();
        await Task.WhenAll(running);
        foreach (var job in All) job.Dispose();
    }

    private void EnsureIdleLocked(string resource, string resourceShown)
    {
        var holder = _jobs.FirstOrDefault(j => j.IsRunning && Overlaps(j.Resource, resource));
        if (holder is not null)
            throw StudioRequestException.Conflict(resourceShown, $"busy: job {holder.Id} ({holder.Kind} {holder.ResourceShown}) is running on it",
                "wait for it to finish or cancel it");
    }

    /// <summary>One folder inside the other counts as the same resource: sorting a set while extracting into it is as bad.</summary>
    private static bool Overlaps(string a, string b) =>
        a == b || a.StartsWith(b + Path.DirectorySeparatorChar, StringComparison.Ordinal) || b.StartsWith(a + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    /// <summary>Takes and drops the folder's lock, so a folder the CLI is working on refuses the job now rather than fail it later.</summary>
    private static void ProbeOtherProcesses(string resource, string resourceShown, string kind)
    {
        if (!Directory.Exists(resource)) return;
        try
        {
            using var probe = ResourceLock.Acquire(resource, "studio " + kind);
        }
        catch (FaceLabException e)
        {
            throw StudioRequestException.Conflict(resourceShown, e.Problem, e.Hint);
        }
    }

    private async Task RunAsync(StudioJob job, Func<StudioJob, Task<string>> work)
    {
        try
        {
            job.Succeed(await work(job));
        }
        catch (OperationCanceledException) when (job.CancellationToken.IsCancellationRequested)
        {
            job.Cancelled();
        }
        catch (FaceLabException e)
        {
            job.Fail(ErrorBody.Of(e));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            job.Fail(new ErrorBody(job.ResourceShown, e.Message.ReplaceLineEndings(" "), null));
        }
#pragma warning disable CA1031 // a job's unexpected failure is shown in the page and logged, never taken down with the studio
        catch (Exception e)
#pragma warning restore CA1031
        {
            StudioLog.JobFailed(logger, e, job.Id, job.Kind);
            job.Fail(new ErrorBody(job.ResourceShown, "internal error: " + e.GetType().Name, "see the studio's console"));
        }
    }

    private void Notify()
    {
        TaskCompletionSource previous;
        lock (_gate)
        {
            previous = _changed;
            _changed = NewSignal();
        }
        previous.TrySetResult();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
