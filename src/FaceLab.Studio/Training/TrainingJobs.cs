using System.Collections.Concurrent;
using FaceLab.Common;
using FaceLab.Studio.Jobs;
using FaceLab.Studio.Security;
using FaceLab.Training.Control;
using FaceLab.Workspace;

namespace FaceLab.Studio.Training;

/// <summary>
/// Training as a studio job: one run per model folder (the job runner refuses a second one, and the
/// folder's lock refuses a run another process holds), trained on the workspace's src and dst faces.
/// The runs being trained are kept by model so the page can read their status and losses live and
/// send save, backup and stop between steps.
/// </summary>
public sealed class TrainingJobs(JobRunner runner, WorkspacePaths paths)
{
    /// <summary>How often the job's progress (the iteration) is refreshed: the page's live channel follows it.</summary>
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(250);

    private readonly ConcurrentDictionary<string, TrainingRun> _running = new(StringComparer.Ordinal);

    private WorkspaceLayout Layout => WorkspaceLayout.At(paths.Root);

    /// <summary>Starts training the model the request names; 409 when it is being trained already.</summary>
    public StudioJob Start(TrainingRunRequest request)
    {
        request = request.Validate();
        var model = ModelCatalog.FolderName(request.Name, request.ModelType);
        var folder = ModelFolderOf(model);
        var layout = Layout;
        return runner.Start("train", folder, paths.ToRelative(folder), async job =>
        {
            var run = await Task.Run(() => TrainingRun.Open(layout.Models, layout.SourceAligned, layout.DestinationAligned, request), job.CancellationToken);
            try
            {
                _running[model] = run;
                job.Log(run.Description);
                using var log = new JobLogWriter(job);
                var training = Task.Run(() => run.Run(log, job.CancellationToken), CancellationToken.None);
                var reported = -1L;
                while (!training.IsCompleted)
                {
                    if (run.Iteration != reported) job.Report(new OperationProgress("train", reported = run.Iteration, run.TargetIteration, "iterations"));
                    await Task.WhenAny(training, Task.Delay(ProgressInterval, CancellationToken.None));
                }
                var trained = await training;
                job.Report(new OperationProgress("train", run.Iteration, run.TargetIteration, "iterations"));
                job.CancellationToken.ThrowIfCancellationRequested(); // cancelled: saved, and the job says it was cancelled
                return trained ? $"saved at iteration {run.Iteration}" : $"already at iteration {run.Iteration}: nothing to train";
            }
            finally
            {
                _running.TryRemove(model, out _);
                run.Dispose();
            }
        });
    }

    /// <summary>The run training <paramref name="model"/> (its folder name), or null when none is.</summary>
    public TrainingRun? Running(string model) => _running.GetValueOrDefault(model);

    /// <summary>Queues a save, backup or stop for the run of <paramref name="model"/>; 409 when it is not being trained.</summary>
    public TrainingRun Request(string model, TrainingAction action)
    {
        ModelFolderOf(model); // a path the page may not name is refused as such, not as "not being trained"
        var run = Running(model) ?? throw StudioRequestException.Conflict($"model/{model}", "is not being trained", "start training first");
        run.Request(action);
        return run;
    }

    /// <summary>
    /// The full path of the model folder <paramref name="model"/> (a folder name under <c>model/</c>),
    /// resolved inside the workspace; 403 for anything but a plain name.
    /// </summary>
    public string ModelFolderOf(string model)
    {
        if (model.Contains('/')) throw StudioRequestException.Forbidden(model, "is not a model name", "use the model's folder name");
        return paths.Resolve("model/" + model);
    }
}
