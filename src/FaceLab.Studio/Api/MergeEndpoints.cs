using System.Globalization;
using FaceLab.Evaluation;
using FaceLab.Media;
using FaceLab.Merging;
using FaceLab.Studio.Jobs;
using FaceLab.Studio.Merging;
using FaceLab.Studio.Security;
using FaceLab.Training.Inference;
using FaceLab.Workspace;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace FaceLab.Studio.Api;

/// <summary>A frame to merge for a look, with the settings to try.</summary>
public sealed record MergePreviewRequest(string? Model, string Frame, MergeSettings Settings);

/// <summary>Settings to save for every frame (<paramref name="Frames"/> null) or the frames <c>FIRST-LAST</c> counted from 1.</summary>
public sealed record MergeApplyRequest(string? Model, MergeSettings Settings, string? Frames = null);

/// <summary>The Merge page's API: the models, the frames with their settings, previews, saving settings, the jobs and the result video.</summary>
internal static class MergeEndpoints
{
    private static readonly HashSet<string> VideoExtensions = new(StringComparer.OrdinalIgnoreCase) { ".mp4", ".webm", ".mkv", ".avi", ".mov" };

    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/merge/models", (WorkspaceLayout layout) => SavedModels.List(layout.Models).Select(m => new { m.FolderName, m.Name, m.Type, m.Iteration }));
        api.MapGet("/merge/state", (string? model, MergePreviews previews, WorkspaceLayout layout) => State(previews.Refresh(model), layout));
        api.MapPost("/merge/preview", (MergePreviewRequest request, MergePreviews previews, HttpContext context) =>
        {
            var options = request.Settings?.ToOptions() ?? throw StudioRequestException.BadRequest("settings", "missing");
            var image = previews.Get(request.Model).Preview.Render(request.Frame ?? "", options);
            var headers = context.Response.Headers;
            headers.CacheControl = "no-store";
            headers["X-Merge-Predicted"] = image.Predicted ? "true" : "false";
            headers["X-Merge-Faces"] = image.Faces.ToString(CultureInfo.InvariantCulture);
            headers["X-Merge-Milliseconds"] = image.Elapsed.TotalMilliseconds.ToString("0.0", CultureInfo.InvariantCulture);
            return Results.Bytes(image.Jpeg, "image/jpeg");
        });
        api.MapPost("/merge/apply", (MergeApplyRequest request, MergePreviews previews, WorkspaceLayout layout) =>
        {
            var options = request.Settings?.ToOptions() ?? throw StudioRequestException.BadRequest("settings", "missing");
            var open = previews.Get(request.Model);
            var folder = open.Model.Folder;
            var saved = MergeSession.Load(folder) ?? MergeSession.New(MergeOptions.Default); // what the page showed for every frame
            var session = request.Frames is { Length: > 0 } range
                ? saved.ForFrames(FrameRange.Parse(range).Positions(open.Preview.Frames.Count).Select(i => open.Preview.Frames[i]), options)
                : saved.ForAllFrames(options);
            session.Save(folder);
            return new { Saved = Path.GetRelativePath(layout.Root, Path.Combine(folder, MergeSession.FileName)), Overrides = session.Overrides.Count };
        });
        api.MapGet("/merge/evaluation", (string? model, WorkspaceLayout layout) =>
            EvaluationReport.Load(SavedModels.Find(layout.Models, model).Folder) is { } report
                ? Results.Bytes(report.ToJson(), "application/json")
                : throw StudioRequestException.NotFound(EvaluationReport.FileName, "the model has no evaluation yet", "run an evaluation"));
        api.MapPost("/jobs/merge", (MergeJobRequest request, MergeJobs jobs) => Results.Accepted(null, jobs.StartMerge(request).Snapshot()));
        api.MapPost("/jobs/assemble", (AssembleJobRequest request, MergeJobs jobs) => Results.Accepted(null, jobs.StartAssemble(request).Snapshot()));
        api.MapPost("/jobs/evaluate", (EvaluateJobRequest request, MergeJobs jobs) => Results.Accepted(null, jobs.StartEvaluate(request).Snapshot()));
        api.MapGet("/video", (string path, WorkspacePaths paths) =>
        {
            var video = paths.Resolve(path);
            if (!VideoExtensions.Contains(Path.GetExtension(video))) throw StudioRequestException.BadRequest(path, "not a video file the studio plays");
            if (!File.Exists(video)) throw StudioRequestException.NotFound(path, "file not found");
            return Results.File(video, Path.GetExtension(video).Equals(".webm", StringComparison.OrdinalIgnoreCase) ? "video/webm" : "video/mp4",
                lastModified: File.GetLastWriteTimeUtc(video), enableRangeProcessing: true);
        });
    }

    private static object State(MergePreviews.Opened open, WorkspaceLayout layout)
    {
        var session = MergeSession.Load(open.Model.Folder);
        var options = session?.Options ?? MergeOptions.Default;
        var preview = open.Preview;
        return new
        {
            Model = new { open.Model.FolderName, open.Trained.Iteration, open.Trained.Resolution, FaceType = open.Trained.FaceType.ToString() },
            Frames = preview.Frames.Select(f => new { Name = f, Faces = preview.FacesIn(f), Own = session?.Overrides.ContainsKey(f) == true }),
            Settings = MergeSettings.Of(options),
            Overrides = session?.Overrides.ToDictionary(p => p.Key, p => MergeSettings.Of(p.Value)) ?? [],
            Saved = session is not null,
            MergeSettings.Fields,
            Result = File.Exists(Path.Combine(layout.Root, MergeJobs.ResultName)) ? MergeJobs.ResultName : null,
            Evaluated = File.Exists(Path.Combine(open.Model.Folder, EvaluationReport.FileName)),
        };
    }
}
