using System.Globalization;
using FaceLab.Evaluation;
using FaceLab.Media;
using FaceLab.Merging;
using FaceLab.Training.Inference;
using FaceLab.Workspace;

namespace FaceLab.Studio.Jobs;

/// <summary>
/// The merge jobs: the library's <c>merge</c>, <c>video assemble</c> and <c>evaluate</c> run by the
/// <see cref="JobRunner"/>. All three hold <c>data_dst/merged/</c>: a merge writes it, the others
/// read it, so none starts while another works on it (nor while the CLI's merge holds its lock).
/// </summary>
public sealed class MergeJobs(JobRunner runner, WorkspaceLayout layout)
{
    /// <summary>The assembled video the studio writes and plays.</summary>
    public const string ResultName = "result.mp4";

    private string Merged => layout.Merged;

    private string MergedShown => Path.GetRelativePath(layout.Root, layout.Merged).Replace('\\', '/');

    public StudioJob StartMerge(MergeJobRequest request)
    {
        var range = request.Range;
        var frameRate = request.Assemble?.FrameRate;
        var model = SavedModels.Find(layout.Models, request.Model);
        return runner.Start("merge", Merged, MergedShown, async job =>
        {
            var session = MergeSession.Load(model.Folder) ?? MergeSession.New(MergeOptions.Default);
            session.Save(model.Folder); // the CLI's next run starts from what this one used
            using var trained = TrainedModel.Open(model.Folder);
            job.Log($"{trained.Identity} ({trained.Resolution} px {trained.FaceType}); {session.Options.Describe()}" +
                (session.Overrides.Count > 0 ? $"; {session.Overrides.Count} frames with their own settings" : ""));
            var mergeRequest = MergeRequest.In(layout, session) with { Range = range };
            var report = await FrameMergeRun.RunAsync(new ModelFacePredictor(trained), trained.Identity, mergeRequest, job, job.CancellationToken);
            var summary = $"{report.Merged} frames merged" + (report.Kept > 0 ? $", {report.Kept} kept from the earlier run" : "") +
                $", {report.FacesReplaced} faces replaced";
            return request.Assemble is { } assemble ? $"{summary}; {await AssembleAsync(job, assemble, frameRate)}" : summary;
        });
    }

    public StudioJob StartAssemble(AssembleJobRequest request)
    {
        var frameRate = request.FrameRate;
        return runner.Start("video assemble", Merged, MergedShown, job => AssembleAsync(job, request, frameRate));
    }

    public StudioJob StartEvaluate(EvaluateJobRequest request)
    {
        var model = SavedModels.Find(layout.Models, request.Model);
        var options = new EvaluationOptions { MaxFrames = request.MaxFrames }.Validate();
        return runner.Start("evaluate", Merged, MergedShown, async job =>
        {
            var report = await SwapEvaluation.RunAsync(EvaluationRequest.In(layout, model.Folder) with { Options = options }, job, job.CancellationToken);
            var saved = report.Save(model.Folder);
            job.Log($"saved {Path.GetRelativePath(layout.Root, saved)}");
            var flicker = report.FlickerRatio is { } ratio ? string.Create(CultureInfo.InvariantCulture, $", flicker ratio {ratio:0.00}") : "";
            return string.Create(CultureInfo.InvariantCulture,
                $"{report.Frames} frames: ID retrieval {report.Identity.IdRetrieval:0.00}, verified as src {report.Identity.SourceVerified:0.00}, sharpness ratio {report.SharpnessRatio:0.00}{flicker}");
        });
    }

    private async Task<string> AssembleAsync(StudioJob job, AssembleJobRequest request, Rational? frameRate)
    {
        var options = new VideoAssemblyOptions
        {
            Reference = layout.DestinationVideo,
            FrameRate = frameRate,
            Lossless = request.Lossless,
            AllowLengthChange = request.AllowLengthChange,
            Overwrite = true,
        };
        var done = await VideoAssembler.AssembleAsync(Merged, Path.Combine(layout.Root, ResultName), options, job, job.CancellationToken);
        foreach (var note in done.Notes) job.Log(note);
        return string.Create(CultureInfo.InvariantCulture,
            $"{ResultName}: {done.FrameCount} frames at {done.FrameRate.Value:0.###} fps, {(done.HasAudio ? "with the dst audio" : "no audio")}");
    }
}
