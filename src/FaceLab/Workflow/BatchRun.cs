using System.Diagnostics;

namespace FaceLab.Workflow;

/// <summary>
/// Runs the pairs of a batch through <see cref="SwapWorkflow"/>, one after another: a pair done
/// with the same settings is skipped, an interrupted one continues through the workflow's own
/// resume, and a failing one is recorded with its error while the batch goes on to the next.
/// </summary>
public static class BatchRun
{
    /// <summary>Runs <paramref name="pairs"/> in order; the summary files are written once every pair of the batch finished.</summary>
    public static async Task<IReadOnlyList<BatchPairResult>> RunAsync(BatchManifest manifest, IReadOnlyList<BatchPair> pairs,
        Func<BatchPair, IWorkflowReporter> reporterOf, CancellationToken ct)
    {
        var results = new List<BatchPairResult>();
        foreach (var pair in pairs) results.Add(await RunPairAsync(pair, reporterOf(pair), ct));
        BatchSummary.WriteWhenFinished(manifest);
        return results;
    }

    /// <summary>Runs one pair, or returns its result when it is done with the same settings.</summary>
    public static async Task<BatchPairResult> RunPairAsync(BatchPair pair, IWorkflowReporter reporter, CancellationToken ct)
    {
        if (BatchPairResult.Load(pair.Workspace) is { Outcome: BatchPairOutcome.Done } done && done.Settings == pair.Settings)
        {
            reporter.Say($"done before with these settings (model iteration {done.Iteration}); skipped");
            return done;
        }
        var clock = Stopwatch.StartNew();
        BatchPairResult result;
        try
        {
            var run = await SwapWorkflow.RunAsync(pair.Options, reporter, ct);
            result = new BatchPairResult
            {
                Pair = pair.Name,
                Outcome = BatchPairOutcome.Done,
                Settings = pair.Settings,
                Iteration = run.Iteration,
                Frames = run.Frames,
                FacesReplaced = run.FacesReplaced,
                TrainedMinutes = WorkflowState.Load(pair.Workspace)?.TrainedSeconds / 60,
                Seconds = clock.Elapsed.TotalSeconds,
                ResultVideo = run.ResultVideo,
                Evaluation = run.Evaluation,
                FinishedAt = DateTimeOffset.Now,
            };
        }
        catch (Exception) when (ct.IsCancellationRequested)
        {
            // Stopped, not failed (whatever the interrupted step threw): a rerun continues the pair.
            ct.ThrowIfCancellationRequested();
            throw;
        }
#pragma warning disable CA1031 // whatever breaks one pair is that pair's failure; the batch goes on
        catch (Exception e)
#pragma warning restore CA1031
        {
            result = new BatchPairResult
            {
                Pair = pair.Name,
                Outcome = BatchPairOutcome.Failed,
                Settings = pair.Settings,
                Error = e.Message.ReplaceLineEndings(" ").Trim(),
                Seconds = clock.Elapsed.TotalSeconds,
                FinishedAt = DateTimeOffset.Now,
            };
        }
        result.Save(pair.Workspace);
        reporter.Say(result.Outcome == BatchPairOutcome.Done
            ? $"done in {result.Seconds / 60:0.0} minutes (model iteration {result.Iteration}): {result.ResultVideo}"
            : $"failed after {result.Seconds / 60:0.0} minutes: {result.Error}");
        return result;
    }
}
