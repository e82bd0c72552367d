using FaceLab.Common;

namespace FaceLab.Farm;

/// <summary>
/// A cluster engine that runs a stage's shards as an indexed array of tasks and a finishing job
/// after them. The shard contract (the manifest, <c>--shard INDEX/COUNT</c>, the markers) does not
/// depend on it: any engine that starts N copies of a command with an index can run the shards.
/// </summary>
public interface IFarmEngine
{
    /// <summary>The engine's name (<c>slurm</c>).</summary>
    string Name { get; }

    /// <summary>
    /// The scripts and commands that would submit <paramref name="job"/>, without submitting anything;
    /// the shard script goes to <paramref name="shardScriptPath"/> (default: in the stage's folder) and
    /// the finishing job's beside it.
    /// </summary>
    FarmScripts Prepare(FarmJobRequest job, string? shardScriptPath = null);

    /// <summary>Submits the prepared <paramref name="scripts"/>: the shard array, then the finishing job that waits for every shard to succeed.</summary>
    FarmSubmission Submit(FarmScripts scripts);

    /// <summary>What the engine knows of each task of <paramref name="submission"/>'s array by shard index, and of its finishing job; tasks it has forgotten are left out.</summary>
    FarmJobStates Query(FarmSubmission submission);
}

/// <summary>
/// What to submit: an indexed array of tasks (a stage's shards, a batch's pairs), how many at once,
/// where, the command each task runs and the finishing job's.
/// </summary>
public sealed record FarmJobRequest
{
    /// <summary>The job's name on the cluster after <c>facelab-</c> (the stage, <c>batch</c>).</summary>
    public required string Name { get; init; }

    /// <summary>What one task is, in log and script names (<c>shard</c>, <c>pair</c>).</summary>
    public string TaskNoun { get; init; } = "shard";

    /// <summary>The folder the scripts are written to by default.</summary>
    public required string Folder { get; init; }

    /// <summary>The folder of the job logs.</summary>
    public required string Logs { get; init; }

    /// <summary>A comment line in the task script saying what a task runs, e.g. the plan it belongs to.</summary>
    public required string TaskComment { get; init; }

    /// <summary>The task indices to run (all, or those a resume reruns); may be empty when only the finishing job is left.</summary>
    public required IReadOnlyList<int> Shards { get; init; }

    /// <summary>
    /// The command every task runs, program first: a FaceLab command taking its index from the job
    /// array (the front end that submits knows how to start itself and spell its options).
    /// </summary>
    public required IReadOnlyList<string> ShardCommand { get; init; }

    /// <summary>The command the finishing job runs once every task ended (see <see cref="FinishAfterAny"/>).</summary>
    public required IReadOnlyList<string> FinishCommand { get; init; }

    /// <summary>
    /// Start the finishing job when every task ended, however it ended [false: only when every task
    /// succeeded, and cancelled otherwise].
    /// </summary>
    public bool FinishAfterAny { get; init; }

    /// <summary>At most this many tasks at once; null for no limit.</summary>
    public int? MaxParallel { get; init; }

    /// <summary>CPU cores per task.</summary>
    public int CoresPerShard { get; init; } = 1;

    /// <summary>The partition (queue) to run in; null for the cluster's default.</summary>
    public string? Partition { get; init; }

    /// <summary>Generic resources per task, e.g. <c>gpu:1</c>; null for none.</summary>
    public string? Gres { get; init; }

    /// <summary>A request for the shards of a planned stage: its job files in <c>farm/STAGE/</c>.</summary>
    public static FarmJobRequest ForStage(FarmPaths paths, FarmManifest manifest, IReadOnlyList<int> shards,
        IReadOnlyList<string> shardCommand, IReadOnlyList<string> finishCommand) => new()
        {
            Name = manifest.Stage,
            Folder = paths.Folder,
            Logs = paths.Logs,
            TaskComment = $"Shard $SLURM_ARRAY_TASK_ID of the {manifest.ShardCount} planned in {paths.Manifest}.",
            Shards = shards,
            ShardCommand = shardCommand,
            FinishCommand = finishCommand,
        };
}

/// <summary>Prepared scripts and the commands that submit them, for a dry run or for submitting by hand.</summary>
public sealed record FarmScripts(FarmJobRequest Job, string ShardScript, string FinishScript, string ShardScriptPath, string FinishScriptPath, IReadOnlyList<string> Commands)
{
    /// <summary>Writes both scripts to their paths.</summary>
    public void Write()
    {
        AtomicOutput.WriteAllBytes(ShardScriptPath, System.Text.Encoding.UTF8.GetBytes(ShardScript));
        AtomicOutput.WriteAllBytes(FinishScriptPath, System.Text.Encoding.UTF8.GetBytes(FinishScript));
    }
}

/// <summary>One submission: the array job of its shards and the finishing job.</summary>
public sealed record FarmSubmission(string Engine, string? ArrayJob, string FinishJob, IReadOnlyList<int> Shards);

/// <summary>The engine's view of a submission: a state per shard index, and the finishing job's.</summary>
public sealed record FarmJobStates(IReadOnlyDictionary<int, FarmTaskState> Shards, FarmTaskState? Finish);

/// <summary>A task as the engine reports it.</summary>
public enum FarmTaskState
{
    /// <summary>Queued, not started.</summary>
    Waiting,

    /// <summary>Running now.</summary>
    Running,

    /// <summary>Ended with success.</summary>
    Succeeded,

    /// <summary>Ended otherwise: failed, killed, cancelled, timed out, out of memory, its node lost.</summary>
    Failed,
}
