using System.CommandLine;
using FaceLab.Cli.Rendering;
using FaceLab.Common;
using FaceLab.Faces.Alignment;
using FaceLab.Faces.Detection;
using FaceLab.Faces.Extraction;
using FaceLab.Faces.Landmarks;
using FaceLab.Faces.Files;
using FaceLab.Farm;

namespace FaceLab.Cli.Commands;

/// <summary><c>facelab faces extract [data_src|data_dst|DIR]</c>: DeepFaceLab's steps 4 and 5.</summary>
internal static class FaceExtractCommand
{
    public static Command Create(CliConsole console)
    {
        var input = new Argument<string>("FRAMES")
        {
            Description = "data_src, data_dst (the workspace's frame folders) or any folder of images",
            DefaultValueFactory = _ => "data_src",
        };
        var detector = new Option<string>("--detector")
        {
            Description = "Face detector: " + string.Join(", ", FaceDetectors.All.Select(d => $"{d.Name} ({d.Description})")),
            DefaultValueFactory = _ => FaceDetectors.DefaultName,
        };
        detector.NamesFrom(FaceDetectors.Registry);
        var landmarks = new Option<string>("--landmarks")
        {
            Description = "68-point landmarker: " + string.Join(", ", FaceLandmarkers.All.Select(d => $"{d.Name} ({d.Description})")),
            DefaultValueFactory = _ => FaceLandmarkers.Default.Name,
        };
        landmarks.NamesFrom(FaceLandmarkers.Registry);
        var faceType = new Option<string>("--face-type")
        {
            Description = "Crop: half, mid_full, full, whole_face, head, or one of them + _no_align",
            DefaultValueFactory = _ => "full",
        };
        faceType.AcceptOnlyFromAmong([.. FaceType.All.Select(t => t.ToString())]);
        var size = new Option<int>("--size") { Description = "Side of the face images in pixels (256 suits 128-px models; 512 for larger)", DefaultValueFactory = _ => 256 };
        var format = CommonOptions.Choice("--format", "Face image format: jpg or png", FaceImageFormat.Jpg);
        var quality = new Option<int>("--jpeg-quality") { Description = "JPEG quality 1–100", DefaultValueFactory = _ => 95 };
        var maxFaces = new Option<int>("--max-faces") { Description = "At most this many faces per frame, largest first (0 = all)", DefaultValueFactory = _ => 0 };
        var debug = new Option<bool>("--debug") { Description = "Also write aligned_debug/ frames with box, landmarks and crop outline" };
        var accurate = new Option<bool>("--accurate") { Description = "Second pass: re-detect on the aligned crop and average jittered landmark runs (slower, steadier)" };
        var fix = new Option<bool>("--fix") { Description = "Re-run only frames that gave no face (with --boxes: use boxes placed by hand)" };
        var redo = new Option<bool>("--redo") { Description = "Extract every frame again, also those an earlier run finished (their faces are replaced)" };
        var boxes = new Option<FileInfo?>("--boxes") { Description = "With --fix: JSON {\"00012.png\": [[left, top, right, bottom]]} of face boxes in frame pixels" };
        var output = new Option<DirectoryInfo?>("--out") { Description = "Output folder (default: FRAMES/aligned)" };
        var workers = new Option<int>("--workers") { Description = "Worker threads (default: all cores)", DefaultValueFactory = _ => Environment.ProcessorCount };
        var shard = new Option<string?>("--shard") { Description = "Only shard I of N (from 0) of the planned extraction (facelab farm plan extract-src|extract-dst), with its settings; auto/N takes I from SLURM_ARRAY_TASK_ID, JOB_COMPLETION_INDEX or SGE_TASK_ID" };
        var command = new Command("extract", "Detect, landmark and align faces in frames; one image per face with its metadata embedded; resumes an interrupted run")
        {
            input, detector, landmarks, faceType, size, format, quality, maxFaces, debug, accurate, fix, redo, boxes, output, workers, shard,
        };
        CommandRunner.SetAction(console, command, async (result, ct) =>
        {
            if (result.GetValue(shard) is { } part)
            {
                var stage = result.GetValue(input) switch
                {
                    "data_src" => FarmStage.ExtractSource,
                    "data_dst" => FarmStage.ExtractDestination,
                    var other => throw new FaceLabException(other!, "is not data_src or data_dst", "shards run on a workspace's frames"),
                };
                var given = command.Options.FirstOrDefault(o => o != shard && o != workers && result.GetResult(o) is { Implicit: false });
                if (given is not null) throw new FaceLabException(given.Name, "cannot be combined with --shard", "the plan fixes the settings; plan again to change them");
                await FarmCommands.RunShardAsync(console, result, stage, part, result.GetValue(workers), ct);
                return;
            }
            var layout = CommonOptions.WorkspaceOf(result);
            var frames = layout.FramesFolderNamed(result.GetValue(input)!);
            var options = new FaceExtractionOptions
            {
                FaceType = FaceType.Parse(result.GetValue(faceType)!),
                Size = result.GetValue(size),
                Format = result.GetValue(format) ?? FaceImageFormat.Jpg,
                JpegQuality = result.GetValue(quality),
                MaxFaces = result.GetValue(maxFaces),
                Debug = result.GetValue(debug),
                Accurate = result.GetValue(accurate),
                Workers = result.GetValue(workers),
            }.Validate();
            if (result.GetValue(boxes) is not null && !result.GetValue(fix))
                throw new FaceLabException("--boxes", "only works together with --fix", null);
            if (result.GetValue(redo) && result.GetValue(fix))
                throw new FaceLabException("--redo", "cannot be combined with --fix", "--redo extracts every frame; --fix only those without a face");
            var manual = result.GetValue(boxes) is { } file ? ManualFaceBoxes.Load(file.FullName) : null;
            var tools = FaceExtractionTools.From(FaceDetectors.Get(result.GetValue(detector)!), FaceLandmarkers.Get(result.GetValue(landmarks)!));
            var aligned = result.GetValue(output)?.FullName ?? Path.Combine(frames, "aligned");
            var scope = result.GetValue(fix) ? FaceExtractionScope.FramesWithoutFaces
                : result.GetValue(redo) ? FaceExtractionScope.All
                : FaceExtractionScope.Remaining;

            var report = await ProgressDisplay.RunAsync(console, p => FaceExtraction.RunAsync(frames, aligned, tools, options, scope, manual, p, ct));
            console.Line($"faces: {report.FacesWritten} faces from {report.Processed} frames into {aligned}");
            if (scope == FaceExtractionScope.Remaining && report.Processed < report.Frames)
                console.Line($"faces: skipped {report.Frames - report.Processed} frames extracted by an earlier run" +
                    (options.Debug ? " (so no debug images for them)" : "") + "; pass --redo to extract them again");
            if (report.FramesWithoutFaces.Count > 0)
                console.Line($"faces: {report.FramesWithoutFaces.Count} frames without a face (first: {report.FramesWithoutFaces[0]}); " +
                    "re-run them with --fix --boxes FILE or another --detector");
        }, keptWhenStopped: "the faces of finished frames are kept; run the command again to continue");
        return command;
    }
}
