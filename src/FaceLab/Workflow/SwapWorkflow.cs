using System.Diagnostics;
using FaceLab.Common;
using FaceLab.Evaluation;
using FaceLab.Faces.Extraction;
using FaceLab.FaceSets;
using FaceLab.FaceSets.Sorting;
using FaceLab.Media;
using FaceLab.Merging;
using FaceLab.Training.Inference;
using FaceLab.Training.Models;
using FaceLab.Training.Optimization;
using FaceLab.Training.Sessions;
using FaceLab.Workspace;

namespace FaceLab.Workflow;

/// <summary>
/// The whole workflow on one src/dst pair: frames, faces, the src faces sorted and the worst
/// trashed, training, the swap merged into every dst frame, the video assembled with the
/// synthetic-media mark, a side-by-side picture, and the evaluation of the swap. Every step resumes, so running it again
/// after an interruption continues where it stopped; training counts its minutes over all runs.
/// </summary>
public static class SwapWorkflow
{
    /// <summary>The assembled video, in the workspace.</summary>
    public const string ResultFileName = "result.mp4";

    /// <summary>Original and swapped frames side by side, in the workspace.</summary>
    public const string ComparisonFileName = "compare.jpg";

    /// <summary>Runs every step, skipping what is done, and returns what it produced.</summary>
    public static async Task<SwapWorkflowResult> RunAsync(SwapWorkflowOptions options, IWorkflowReporter reporter, CancellationToken ct)
    {
        var (layout, state, dst) = await PrepareAsync(options, reporter, ct);
        var modelFolder = await Train(layout, state, options, reporter, ct);

        using var trained = TrainedModel.Open(modelFolder);
        var session = MergeSession.Load(modelFolder) ?? MergeSession.New(MergeOptions.Default);
        session.Save(modelFolder);
        var merge = await reporter.TrackAsync(p => FrameMergeRun.RunAsync(
            new ModelFacePredictor(trained), trained.Identity, MergeRequest.In(layout, session), p, ct));
        reporter.Say($"{merge.Frames} frames merged with the model at iteration {trained.Iteration} ({merge.FacesReplaced} faces replaced) in {layout.Merged}");

        var result = Path.Combine(layout.Root, ResultFileName);
        var assembled = await reporter.TrackAsync(p => VideoAssembler.AssembleAsync(
            layout.Merged, result, new VideoAssemblyOptions { Reference = dst, Overwrite = true }, p, ct));
        var mark = await ProvenanceReader.ReadAsync(result, ct);
        reporter.Say($"{assembled.Output}: {assembled.FrameCount} frames at {assembled.FrameRate.Value:0.###} fps, marked as synthetic: {mark?.ToText() ?? "no"}");

        var comparison = Path.Combine(layout.Root, ComparisonFileName);
        ComparisonSheet.Write(layout, session, comparison);

        var request = EvaluationRequest.In(layout, modelFolder) with { Options = new EvaluationOptions { MaxFrames = options.EvaluationFrames } };
        var evaluation = await reporter.TrackAsync(p => SwapEvaluation.RunAsync(request, p, ct));
        reporter.Say($"evaluation saved to {evaluation.Save(modelFolder)}");
        return new SwapWorkflowResult(layout.Root, result, comparison, modelFolder, trained.Iteration, merge.Frames, merge.FacesReplaced, mark, evaluation);
    }

    /// <summary>
    /// The steps before training: frames and faces of both videos, and the src faces sorted. Returns
    /// the workspace, its state and the dst video the result is assembled against.
    /// </summary>
    public static async Task<(WorkspaceLayout Layout, WorkflowState State, string DestinationVideo)> PrepareAsync(
        SwapWorkflowOptions options, IWorkflowReporter reporter, CancellationToken ct)
    {
        options.Validate();
        var layout = WorkspaceInitializer.Create(options.Workspace);
        var src = Place(options.SourceVideo, layout, "data_src", options.CopyVideos);
        var dst = Place(options.DestinationVideo, layout, "data_dst", options.CopyVideos);
        var state = WorkflowState.Load(layout.Root) ?? new WorkflowState { SourceVideo = src, DestinationVideo = dst };
        if (!state.Holds(src, dst))
            throw new FaceLabException(layout.Root, $"holds the workflow of {state.SourceVideo} → {state.DestinationVideo}", "use another workspace folder for another pair");
        state.Save(layout.Root);

        var srcInfo = await VideoProbe.ProbeAsync(src, ct);
        var dstInfo = await VideoProbe.ProbeAsync(dst, ct);
        var srcFps = options.SourceFps ?? Math.Min(srcInfo.FrameRate.Value, options.SourceFrameBudget / Math.Max(1, srcInfo.Duration.TotalSeconds));
        var estimate = WorkflowEstimate.For(layout, state, options, srcInfo.Duration.TotalSeconds * srcFps, dstInfo.EstimatedFrameCount);
        reporter.Say($"workspace {layout.Root}; expected duration {estimate} on {Environment.ProcessorCount} cores; Ctrl+C stops safely and a rerun resumes");

        await ExtractFrames(src, layout.SourceFrames, srcFps, reporter, ct);
        await ExtractFrames(dst, layout.DestinationFrames, null, reporter, ct);
        await ExtractFaces(layout.SourceFrames, layout.SourceAligned, options.FaceSize, reporter, ct);
        await ExtractFaces(layout.DestinationFrames, layout.DestinationAligned, options.FaceSize, reporter, ct);
        state = await SortSourceFaces(layout, state, options.KeepSourceFaces, reporter, ct);
        return (layout, state, dst);
    }

    /// <summary>The video the workflow reads: the given one in place, or a copy in the workspace (made once).</summary>
    private static string Place(string video, WorkspaceLayout layout, string stem, bool copy)
    {
        video = Path.GetFullPath(video);
        if (!copy) return video;
        var target = Path.Combine(layout.Root, stem + Path.GetExtension(video));
        if (File.Exists(target))
        {
            if (new FileInfo(target).Length == new FileInfo(video).Length) return target;
            throw new FaceLabException(target, $"exists and is not a copy of {video}", "use another workspace folder");
        }
        AtomicOutput.CopyFile(video, target);
        return target;
    }

    /// <summary>Frames appear only when an extraction completed, so frames present mean done.</summary>
    private static async Task ExtractFrames(string video, string folder, double? fps, IWorkflowReporter reporter, CancellationToken ct)
    {
        var existing = FrameSequence.In(folder).Count;
        if (existing > 0)
        {
            reporter.Say($"{folder} already holds {existing} frames");
            return;
        }
        var done = await reporter.TrackAsync(p => FrameExtractor.ExtractAsync(video, folder, new FrameExtractionOptions { Fps = fps }, p, ct));
        reporter.Say($"extracted {done.FrameCount} frames of {Path.GetFileName(video)}" + (fps is { } f ? $" ({f:0.##} per second)" : ""));
    }

    private static async Task ExtractFaces(string frames, string aligned, int size, IWorkflowReporter reporter, CancellationToken ct)
    {
        var report = await reporter.TrackAsync(p => FaceExtraction.RunAsync(
            frames, aligned, FaceExtractionTools.Default, new FaceExtractionOptions { Size = size }, progress: p, ct: ct));
        reporter.Say($"{ImageFiles.In(aligned).Count} faces in {aligned}" + (report.Processed == 0 ? " (done before)" : ""));
    }

    /// <summary>
    /// Keeps the given share of the src faces, chosen by the <c>best</c> sort (sharp faces spread
    /// over head pose), once: the trashed faces stay in the trash folder.
    /// </summary>
    private static async Task<WorkflowState> SortSourceFaces(WorkspaceLayout layout, WorkflowState state, double keep, IWorkflowReporter reporter, CancellationToken ct)
    {
        if (state.SourceFacesKept is { } kept)
        {
            reporter.Say($"src faces sorted before: {kept} kept");
            return state;
        }
        // The share is of every src face, those a stopped earlier run already trashed included, so
        // a sort stopped after its moves and run again keeps the same number.
        var trash = FaceSetFolder.TrashOf(layout.SourceAligned);
        var all = ImageFiles.In(layout.SourceAligned).Count + (Directory.Exists(trash) ? ImageFiles.In(trash).Count : 0);
        var count = (int)Math.Round(all * keep);
        var report = await reporter.TrackAsync(p => FaceSetSorter.SortAsync(layout.SourceAligned, "best", new FaceSortOptions { Count = count }, p, ct));
        reporter.Say($"src faces sorted: the {report.Kept} sharpest over head pose kept, {report.Trashed} moved to {report.TrashFolder}");
        state = state with { SourceFacesKept = report.Kept };
        state.Save(layout.Root);
        return state;
    }

    /// <summary>Trains for what is left of the budget; the time spent is kept even when stopped.</summary>
    private static async Task<string> Train(WorkspaceLayout layout, WorkflowState state, SwapWorkflowOptions options, IWorkflowReporter reporter, CancellationToken ct)
    {
        var recipe = options.Training;
        var model = ModelRegistry.Get(recipe.Model);
        var folder = Path.Combine(layout.Models, ModelSpec.FolderName(options.ModelName, model.Name));
        var left = recipe.Minutes * 60 - state.TrainedSeconds;
        if (left < 1)
        {
            if (!File.Exists(Path.Combine(folder, ModelSpec.FileName)))
                throw new FaceLabException(folder, "holds no trained model", "give the training some minutes");
            reporter.Say($"training budget of {recipe.Minutes:0.#} minutes spent before; a larger budget trains on");
            return folder;
        }
        var training = new TrainingSessionOptions
        {
            BatchSize = recipe.BatchSize,
            MaxMinutes = left / 60,
            TargetIteration = recipe.TargetIteration,
            AutosaveMinutes = 5,
            ReportEvery = 25,
            Seed = recipe.Seed,
            Optimizer = new AdamOptions { LearningRate = recipe.LearningRate },
            BudgetClock = options.TrainingClock,
        };
        using var source = FolderFaceSet.Open(layout.SourceAligned);
        using var destination = FolderFaceSet.Open(layout.DestinationAligned);
        using var session = TrainingSession.Open(layout.Models, model, options.ModelName, model.Preset(recipe.Preset), source, destination, training);
        var until = recipe.TargetIteration is { } target ? $" or to iteration {target}" : "";
        reporter.Say($"training {model.Name} ({session.ModelOptions.ArchitectureText()}) for {left / 60:0.#} minutes{until} from iteration {session.Iteration}; Ctrl+C saves and stops");
        var started = options.TrainingClock.GetTimestamp();
        try
        {
            await Task.Run(() => session.Run(reporter.TrainingLog, ct), CancellationToken.None);
        }
        finally
        {
            (state with { TrainedSeconds = state.TrainedSeconds + options.TrainingClock.GetElapsedTime(started).TotalSeconds }).Save(layout.Root);
        }
        ct.ThrowIfCancellationRequested();
        reporter.Say($"model saved at iteration {session.Iteration}; its preview is {Path.Combine(session.Folder, "preview.jpg")}");
        return session.Folder;
    }
}
