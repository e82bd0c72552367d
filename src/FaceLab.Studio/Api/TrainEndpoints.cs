using FaceLab.Studio.Jobs;
using FaceLab.Studio.Security;
using FaceLab.Studio.Training;
using FaceLab.Training.Control;
using FaceLab.Workspace;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace FaceLab.Studio.Api;

/// <summary>A model as the Train page shows it: how far it got, whether it is being trained and its kept previews.</summary>
/// <param name="Model">Its folder name under <c>model/</c>.</param>
/// <param name="Job">The job training it, or null.</param>
/// <param name="Status">The running trainer's status, or null when none runs.</param>
/// <param name="Previews">The iterations of the previews in its history, oldest first.</param>
public sealed record TrainingView(string Model, int? Job, TrainingRunStatus? Status, long Iteration, long? TargetIteration, IReadOnlyList<long> Previews);

/// <summary>The Train page's API: the model types as forms, the models, a training job, its live status, losses and previews, save / backup / stop.</summary>
internal static class TrainEndpoints
{
    /// <summary>The chart's default resolution: about one point per pixel column of a wide window.</summary>
    private const int DefaultPoints = 800;

    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/train/catalog", () => new { ModelCatalog.Types, ModelCatalog.Presets });
        api.MapGet("/train/options", (string type, string? preset) => ModelCatalog.OptionValues(type, preset));
        api.MapGet("/train/models", (WorkspacePaths paths) => ModelCatalog.List(WorkspaceLayout.At(paths.Root).Models));
        api.MapPost("/jobs/train", (TrainingRunRequest request, TrainingJobs training) => Results.Accepted(null, training.Start(request).Snapshot()));
        api.MapGet("/train/{model}", (string model, TrainingJobs training, JobRunner jobs) => View(model, training, jobs));
        api.MapGet("/train/{model}/losses", (string model, long? last, int? points, TrainingJobs training) =>
            training.Running(model) is { } run
                ? run.Losses(last, points ?? DefaultPoints)
                : ModelProgress.Losses(ExistingModel(model, training), last, points ?? DefaultPoints));
        api.MapGet("/train/{model}/preview", (string model, long? iteration, TrainingJobs training) =>
        {
            var image = ModelProgress.PreviewFile(ExistingModel(model, training), iteration)
                ?? throw StudioRequestException.NotFound($"model/{model}", iteration is null ? "has no preview yet" : $"has no preview of iteration {iteration}");
            return Results.File(image, "image/jpeg", lastModified: File.GetLastWriteTimeUtc(image));
        });
        MapAction(api, "save", TrainingAction.Save);
        MapAction(api, "backup", TrainingAction.Backup);
        MapAction(api, "stop", TrainingAction.Stop);
    }

    private static void MapAction(IEndpointRouteBuilder api, string name, TrainingAction action) =>
        api.MapPost($"/train/{{model}}/{name}", (string model, TrainingJobs training, JobRunner jobs) =>
        {
            training.Request(model, action);
            return Results.Accepted(null, View(model, training, jobs));
        });

    private static TrainingView View(string model, TrainingJobs training, JobRunner jobs)
    {
        var folder = training.ModelFolderOf(model);
        var job = jobs.All.LastOrDefault(j => j.Kind == "train" && j.Resource == folder && j.IsRunning);
        if (training.Running(model) is { } run)
            return new TrainingView(model, job?.Id, run.Status, run.Iteration, run.TargetIteration, ModelProgress.PreviewIterations(folder));
        var saved = ModelCatalog.List(Path.GetDirectoryName(folder)!).FirstOrDefault(m => m.Folder == model);
        return new TrainingView(model, job?.Id, null, saved?.Iteration ?? 0, null, ModelProgress.PreviewIterations(folder));
    }

    private static string ExistingModel(string model, TrainingJobs training)
    {
        var folder = training.ModelFolderOf(model);
        return Directory.Exists(folder) ? folder : throw StudioRequestException.NotFound($"model/{model}", "no such model");
    }
}
