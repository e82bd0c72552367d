using System.Text.Json;
using FaceLab.Common;

namespace FaceLab.Farm;

/// <summary>
/// The record of the jobs submitted for a plan (a stage's <c>jobs.json</c>, a batch's), oldest
/// first, each with the hash of the plan it ran, and what the engine says of each task now.
/// </summary>
public static class FarmJobLog
{
    /// <summary>Submits <paramref name="scripts"/> and appends the submission, with <paramref name="plan"/>, to <paramref name="file"/>.</summary>
    public static FarmSubmission Submit(IFarmEngine engine, FarmScripts scripts, string file, string plan)
    {
        var submission = engine.Submit(scripts);
        var jobs = Read(file).Append(new SubmittedJob(plan, submission)).ToList();
        AtomicOutput.WriteAllBytes(file, JsonSerializer.SerializeToUtf8Bytes(jobs, FarmManifest.Json));
        return submission;
    }

    /// <summary>
    /// For each task index of <paramref name="plan"/>, the last submission that ran it and what
    /// <paramref name="engine"/> says of that task (null when it has forgotten it); and the last finishing job.
    /// </summary>
    public static FarmTasks Tasks(string file, string plan, IFarmEngine engine)
    {
        var jobs = Read(file).Where(j => j.Manifest == plan && j.Submission.Engine == engine.Name).ToList();
        var states = jobs.Select(j => engine.Query(j.Submission)).ToList();
        var tasks = new Dictionary<int, FarmTask>();
        for (var i = 0; i < jobs.Count; i++)
        {
            foreach (var index in jobs[i].Submission.Shards)
            {
                tasks[index] = new FarmTask($"{jobs[i].Submission.ArrayJob}_{index}",
                    states[i].Shards.TryGetValue(index, out var state) ? state : null);
            }
        }
        return new FarmTasks(tasks, jobs.LastOrDefault()?.Submission.FinishJob, states.LastOrDefault()?.Finish);
    }

    private static List<SubmittedJob> Read(string file)
    {
        if (!File.Exists(file)) return [];
        try
        {
            return JsonSerializer.Deserialize<List<SubmittedJob>>(File.ReadAllBytes(file), FarmManifest.Json) ?? [];
        }
        catch (JsonException e)
        {
            throw new FaceLabException(file, $"damaged record of submitted jobs ({e.Message})", "delete it; the finished work still says what is done", e);
        }
    }

    /// <summary>A submission with the hash of the plan it runs.</summary>
    private sealed record SubmittedJob(string Manifest, FarmSubmission Submission);
}

/// <summary>The last task that ran an index: its job id (<c>ARRAY_INDEX</c>) and its state, null when the engine forgot it.</summary>
public sealed record FarmTask(string Job, FarmTaskState? State);

/// <summary>The tasks of a plan's submissions by index, and the last finishing job with its state.</summary>
public sealed record FarmTasks(IReadOnlyDictionary<int, FarmTask> ByIndex, string? FinishJob, FarmTaskState? Finish)
{
    /// <summary>The last task that ran <paramref name="index"/>, or null when none was submitted.</summary>
    public FarmTask? Of(int index) => ByIndex.GetValueOrDefault(index);
}
