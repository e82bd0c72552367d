using System.Text.Json;
using FaceLab.Common;
using FaceLab.Media;

namespace FaceLab.Farm;

/// <summary>Where a shard stands.</summary>
public enum ShardState
{
    /// <summary>Its marker for this plan is there, with every output it names.</summary>
    Done,

    /// <summary>Its task is running.</summary>
    Running,

    /// <summary>Its task waits in the queue.</summary>
    Waiting,

    /// <summary>Its task ended without leaving a marker (failed, killed, cancelled, pre-empted).</summary>
    Failed,

    /// <summary>Neither a marker nor a task the engine knows: never submitted, or forgotten by the engine after it ended.</summary>
    Missing,
}

/// <summary>One shard's row of a status: its frames, where it stands, and the job that ran it last.</summary>
public sealed record ShardStatus(FrameShard Shard, FrameRange Frames, ShardState State, string? Job);

/// <summary>A stage's shards, from their markers and the engine's queue, and its last finishing job.</summary>
public sealed record FarmStatus(FarmManifest Manifest, IReadOnlyList<ShardStatus> Shards, string? FinishJob, FarmTaskState? Finish)
{
    /// <summary>The shards a resume runs again: failed and missing ones.</summary>
    public IReadOnlyList<int> ToRerun => [.. Shards.Where(s => s.State is ShardState.Failed or ShardState.Missing).Select(s => s.Shard.Index)];

    /// <summary>How many shards are in <paramref name="state"/>.</summary>
    public int Count(ShardState state) => Shards.Count(s => s.State == state);
}

/// <summary>
/// Submits a planned stage to an engine, records the jobs (<c>farm/STAGE/jobs.json</c>), tells where
/// each shard stands, and resubmits only the shards that failed or went missing.
/// </summary>
public static class FarmSubmissions
{
    /// <summary>Submits <paramref name="scripts"/> and records the jobs with the plan they run.</summary>
    public static FarmSubmission Submit(IFarmEngine engine, FarmScripts scripts, FarmPaths paths, FarmManifest manifest) =>
        FarmJobLog.Submit(engine, scripts, paths.Jobs, manifest.Hash);

    /// <summary>Where every shard of the plan stands: done by its marker, else as the engine reports the last task that ran it.</summary>
    public static FarmStatus Status(FarmPaths paths, FarmManifest manifest, IFarmEngine engine)
    {
        var unfinished = FarmJob.UnfinishedShards(paths, manifest).Select(s => s.Index).ToHashSet();
        var tasks = FarmJobLog.Tasks(paths.Jobs, manifest.Hash, engine);
        var rows = manifest.Shards.Select(shard =>
        {
            var range = manifest.RangeOf(shard);
            var task = tasks.Of(shard.Index);
            if (!unfinished.Contains(shard.Index)) return new ShardStatus(shard, range, ShardState.Done, task?.Job);
            return new ShardStatus(shard, range, task?.State switch
            {
                null => ShardState.Missing,
                FarmTaskState.Waiting => ShardState.Waiting,
                FarmTaskState.Running => ShardState.Running,
                FarmTaskState.Failed or FarmTaskState.Succeeded => ShardState.Failed, // ended, yet no marker: it did not finish its frames
                _ => ShardState.Missing, // the engine forgot it
            }, task?.Job);
        }).ToList();
        return new FarmStatus(manifest, rows, tasks.FinishJob, tasks.Finish);
    }

    /// <summary>The shards to submit again: an error while shards of the plan are still queued or running (their outcome is not known yet).</summary>
    public static IReadOnlyList<int> ShardsToResume(FarmStatus status)
    {
        var active = status.Shards.FirstOrDefault(s => s.State is ShardState.Running or ShardState.Waiting);
        if (active is not null)
            throw new FaceLabException($"shard {active.Shard}", $"is still {(active.State == ShardState.Running ? "running" : "queued")} as job {active.Job}",
                "wait until no shard is queued or running, then resume");
        return status.ToRerun;
    }
}
