using FaceLab.Common;
using FaceLab.Workflow;

namespace FaceLab.Farm;

/// <summary>One pair's row of a batch on a cluster: its result file's row and the last task that ran it.</summary>
/// <param name="Row">The pair by its result file.</param>
/// <param name="Task">The last task submitted for it, or null.</param>
public sealed record BatchTaskRow(BatchSummaryRow Row, FarmTask? Task)
{
    /// <summary>
    /// Where the pair stands: what its task is doing while it is queued or running (<c>waiting</c>,
    /// <c>running</c>), else its result's state, else <c>failed</c> when its task ended without a
    /// result (killed, cancelled, out of time) and <c>pending</c> when none ran it.
    /// </summary>
    public string State => Task?.State switch
    {
        FarmTaskState.Waiting => "waiting",
        FarmTaskState.Running => "running",
        _ when Row.State != BatchPairState.Pending => Row.State.ToString().ToLowerInvariant(),
        FarmTaskState.Failed or FarmTaskState.Succeeded => "failed",
        _ => "pending",
    };

    /// <summary>True while its task is queued or running (a pair run again after a failure included).</summary>
    public bool Active => Task?.State is FarmTaskState.Waiting or FarmTaskState.Running;
}

/// <summary>
/// A batch on a cluster: one array task per pair still to do (the task index being the pair's
/// index), a finishing job after every task ended that writes the summary, and the record of the
/// submissions in <c>WORKSPACES/_jobs/</c> (a pair name starts with a letter or digit, so it never clashes).
/// </summary>
public static class BatchJobs
{
    /// <summary>The batch's job files: scripts, the record of submissions, the logs.</summary>
    public static string Folder(BatchManifest manifest) => Path.Combine(manifest.Workspaces, "_jobs");

    private static string JobsFile(BatchManifest manifest) => Path.Combine(Folder(manifest), "jobs.json");

    /// <summary>The request that runs <paramref name="pairs"/> (indices) with <paramref name="pairCommand"/>, then <paramref name="finishCommand"/> after every task ended.</summary>
    public static FarmJobRequest Request(BatchManifest manifest, IReadOnlyList<int> pairs, IReadOnlyList<string> pairCommand, IReadOnlyList<string> finishCommand) => new()
    {
        Name = "batch",
        TaskNoun = "pair",
        Folder = Folder(manifest),
        Logs = Path.Combine(Folder(manifest), "logs"),
        TaskComment = $"Pair $SLURM_ARRAY_TASK_ID (from 0) of the {manifest.Pairs.Count} in {manifest.File}.",
        Shards = pairs,
        ShardCommand = pairCommand,
        FinishCommand = finishCommand,
        FinishAfterAny = true,
    };

    /// <summary>Submits <paramref name="scripts"/> and records the jobs with the batch's hash.</summary>
    public static FarmSubmission Submit(IFarmEngine engine, FarmScripts scripts, BatchManifest manifest) =>
        FarmJobLog.Submit(engine, scripts, JobsFile(manifest), manifest.Hash);

    /// <summary>Every pair by its result file and by what <paramref name="engine"/> says of its last task.</summary>
    public static IReadOnlyList<BatchTaskRow> Status(BatchManifest manifest, IFarmEngine engine)
    {
        var tasks = FarmJobLog.Tasks(JobsFile(manifest), manifest.Hash, engine);
        return [.. BatchSummary.Read(manifest).Select(row => new BatchTaskRow(row, tasks.Of(row.Pair.Index)))];
    }

    /// <summary>The pairs to submit: every pair not done; an error while a pair's task is still queued or running.</summary>
    public static IReadOnlyList<int> ToSubmit(IReadOnlyList<BatchTaskRow> status)
    {
        if (status.FirstOrDefault(r => r.Active) is { } active)
            throw new FaceLabException($"pair {active.Row.Pair.Index} \"{active.Row.Pair.Name}\"", $"is still {active.State} as job {active.Task!.Job}",
                "wait until no pair of the batch is queued or running, then submit again");
        return [.. status.Where(r => r.Row.State != BatchPairState.Done).Select(r => r.Row.Pair.Index)];
    }
}
