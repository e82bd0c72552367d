using System.CommandLine;
using FaceLab.Assets;
using FaceLab.Faces.Extraction;
using FaceLab.Training.Models;
using FaceLab.Training.Samples;
using FaceLab.Training.Sessions;
using FaceLab.Cli.Rendering;
using FaceLab.Media;
using FaceLab.Merging;
using FaceLab.Training.Inference;
using FaceLab.Provenance;
using FaceLab.Workspace;
using FaceLab.FaceSets;

namespace FaceLab.Cli.Commands;

/// <summary>
/// <c>facelab demo</c>: the main job on the built-in demo data: frames and faces of both demo
/// videos, a few minutes of training of the CPU demo model, the swap merged into every dst frame
/// and the video assembled with provenance. Every step resumes: a second run continues where the first stopped.
/// </summary>
internal static class DemoCommand
{
    public const string DefaultFolder = "demo-workspace";

    public static Command Create()
    {
        var minutes = new Option<double>("--minutes") { Description = "Minutes of training in this run (the model resumes on the next run)", DefaultValueFactory = _ => 10 };
        var command = new Command("demo",
            $"Run the workflow on the demo videos (fetched by setup) in ./{DefaultFolder} or --workspace: frames, faces, training, the merged swap, video")
        {
            minutes,
        };
        CommandRunner.SetAction(command, async (result, ct) =>
        {
            var root = result.GetValue(CommonOptions.Workspace)?.FullName ?? Path.GetFullPath(DefaultFolder);
            var store = AssetStore.Default;
            await ProgressDisplay.RunAsync(p => new AssetInstaller(store).EnsureAsync(
                [AssetCatalog.DemoSourceVideo, AssetCatalog.DemoDestinationVideo, AssetCatalog.UltraFace], p, ct));

            var layout = WorkspaceInitializer.Create(root);
            var dst = PlaceVideo(store.Require(AssetCatalog.DemoDestinationVideo), Path.Combine(layout.Root, "data_dst.mp4"));
            var src = PlaceVideo(store.Require(AssetCatalog.DemoSourceVideo), Path.Combine(layout.Root, "data_src.mp4"));
            Console.WriteLine($"demo: workspace {layout.Root}");

            await ExtractFrames(src, layout.SourceFrames, fps: 2, ct);
            await ExtractFrames(dst, layout.DestinationFrames, fps: null, ct);
            await ExtractFaces(layout.SourceFrames, layout.SourceAligned, ct);
            await ExtractFaces(layout.DestinationFrames, layout.DestinationAligned, ct);

            // A higher learning rate than DeepFaceLab's 5e-5 gets the small demo model somewhere within minutes.
            var training = new TrainingSessionOptions
            {
                BatchSize = 16,
                MaxMinutes = result.GetValue(minutes),
                AutosaveMinutes = 5,
                ReportEvery = 25,
                Optimizer = new Training.Optimization.AdamOptions { LearningRate = 2e-4 },
            };
            var model = ModelRegistry.Get("DF");
            using (var session = TrainingSession.Open(layout.Models, model, "demo", model.Preset(ModelPresets.CpuDemo),
                       FolderFaceSet.Open(layout.SourceAligned), FolderFaceSet.Open(layout.DestinationAligned), training))
            {
                Console.WriteLine($"demo: training DF ({session.ModelOptions.ArchitectureText()}) for {training.MaxMinutes} minutes from iteration {session.Iteration}; Ctrl+C saves and stops");
                await Task.Run(() => session.Run(Console.Out, ct), CancellationToken.None);
                Console.WriteLine($"demo: model saved at iteration {session.Iteration}; the swap (last column) is in {Path.Combine(session.Folder, "preview.jpg")}");
            }
            ct.ThrowIfCancellationRequested();

            // Step 7: the swap, seamless, into data_dst/merged/ (resumes; settings kept in the model folder).
            var modelFolder = Path.Combine(layout.Models, ModelSpec.FolderName("demo", model.Name));
            var settings = MergeSession.Load(modelFolder) ?? MergeSession.New(MergeOptions.Default);
            settings.Save(modelFolder);
            using (var trained = TrainedModel.Open(modelFolder))
            {
                var request = MergeRequest.In(layout, settings);
                var merged = await ProgressDisplay.RunAsync(p => FrameMergeRun.RunAsync(
                    new ModelFacePredictor(trained), $"{Path.GetFileName(modelFolder)}#{trained.Iteration}", request, p, ct));
                Console.WriteLine($"demo: {merged.Frames} frames merged with the model at iteration {trained.Iteration} ({merged.FacesReplaced} faces replaced) in {layout.Merged}");
            }

            var output = Path.Combine(layout.Root, "result.mp4");
            var assembled = await ProgressDisplay.RunAsync(p => VideoAssembler.AssembleAsync(
                layout.Merged, output, new VideoAssemblyOptions { Reference = dst, Overwrite = true }, p, ct));
            var mark = await ProvenanceReader.ReadAsync(output, ct);
            Console.WriteLine($"demo: {assembled.Output}: {assembled.FrameCount} frames at {assembled.FrameRate.Value:0.###} fps");
            Console.WriteLine($"demo: provenance: {mark?.ToText() ?? "none"}");
        });
        return command;
    }

    /// <summary>Frames appear only when an extraction completed, so frames present mean done.</summary>
    private static async Task ExtractFrames(string video, string folder, double? fps, CancellationToken ct)
    {
        var existing = FrameSequence.In(folder).Count;
        if (existing > 0)
        {
            Console.WriteLine($"demo: {folder} already holds {existing} frames");
            return;
        }
        var done = await ProgressDisplay.RunAsync(p => FrameExtractor.ExtractAsync(video, folder, new FrameExtractionOptions { Fps = fps }, p, ct));
        Console.WriteLine($"demo: extracted {done.FrameCount} frames of {Path.GetFileName(video)}");
    }

    private static async Task ExtractFaces(string frames, string aligned, CancellationToken ct)
    {
        var tools = FaceExtractionTools.Default;
        var report = await ProgressDisplay.RunAsync(p => FaceExtraction.RunAsync(frames, aligned, tools, new FaceExtractionOptions { Size = 128 }, progress: p, ct: ct));
        Console.WriteLine($"demo: {Directory.GetFiles(aligned, "*.jpg").Length} faces in {aligned}" + (report.Processed == 0 ? " (done before)" : ""));
    }
    /// <summary>Copies a demo video into the workspace unless an identical copy is there.</summary>
    private static string PlaceVideo(string cached, string target)
    {
        if (File.Exists(target) && new FileInfo(target).Length == new FileInfo(cached).Length) return target;
        if (File.Exists(target))
            throw new Common.FaceLabException(target, "exists and is not the demo video", "use another workspace folder");
        Common.AtomicOutput.CopyFile(cached, target);
        return target;
    }
}
