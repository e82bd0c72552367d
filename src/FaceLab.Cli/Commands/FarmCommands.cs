using System.CommandLine;
using System.Globalization;
using FaceLab.Cli.Rendering;
using FaceLab.Common;
using FaceLab.Faces.Detection;
using FaceLab.Faces.Files;
using FaceLab.Faces.Landmarks;
using FaceLab.Farm;

namespace FaceLab.Cli.Commands;

/// <summary>
/// <c>facelab farm plan|submit|status|resume|finish STAGE</c>: a stage's frames cut into shards run
/// by a cluster engine (Slurm job arrays), on a workspace every node sees.
/// </summary>
internal static class FarmCommands
{
    public static Command Create(CliConsole console)
    {
        var farm = new Command("farm", "Run extraction or merge as shards on a cluster (Slurm job arrays); the workspace must be on storage every node sees");
        farm.Subcommands.Add(Plan(console));
        farm.Subcommands.Add(Submit(console));
        farm.Subcommands.Add(Status(console));
        farm.Subcommands.Add(Resume(console));
        farm.Subcommands.Add(Finish(console));
        return farm;
    }

    private static Argument<string> StageArgument()
    {
        var stage = new Argument<string>("STAGE") { Description = "What to run: " + string.Join(", ", FarmStages.Registry.Names) };
        stage.AcceptOnlyFromAmong([.. FarmStages.Registry.Names]);
        return stage;
    }

    /// <summary>The options that make a plan: the shard cut, the merge's model, the extraction's settings.</summary>
    private sealed class PlanOptions
    {
        public Option<int?> Shards { get; } = new("--shards") { Description = "Cut the frames into this many shards" };
        public Option<int?> ShardSize { get; } = new("--shard-size") { Description = "Cut the frames into shards of this many frames (default 500)" };
        public Option<string?> Model { get; } = new("--model") { Description = "merge: the model (default: the only model of the workspace)" };
        public Option<string> Detector { get; } = new Option<string>("--detector") { Description = "extract: face detector", DefaultValueFactory = _ => FaceDetectors.DefaultName }.NamesFrom(FaceDetectors.Registry);
        public Option<string> Landmarks { get; } = new Option<string>("--landmarks") { Description = "extract: 68-point landmarker", DefaultValueFactory = _ => FaceLandmarkers.Default.Name }.NamesFrom(FaceLandmarkers.Registry);
        public Option<string> FaceType { get; } = new("--face-type") { Description = "extract: crop type", DefaultValueFactory = _ => "full" };
        public Option<int> Size { get; } = new("--size") { Description = "extract: side of the face images in pixels", DefaultValueFactory = _ => 256 };
        public Option<FaceImageFormat?> Format { get; } = CommonOptions.Choice("--format", "extract: face image format: jpg or png", FaceImageFormat.Jpg);
        public Option<int> MaxFaces { get; } = new("--max-faces") { Description = "extract: at most this many faces per frame (0 = all)", DefaultValueFactory = _ => 0 };
        public Option<bool> Accurate { get; } = new("--accurate") { Description = "extract: second landmark pass" };

        public PlanOptions() => FaceType.AcceptOnlyFromAmong([.. Faces.Alignment.FaceType.All.Select(t => t.ToString())]);

        public void AddTo(Command command)
        {
            foreach (var option in new Option[] { Shards, ShardSize, Model, Detector, Landmarks, FaceType, Size, Format, MaxFaces, Accurate })
                command.Options.Add(option);
        }

        public (FarmPaths Paths, FarmManifest Manifest) MakePlan(ParseResult result, string stageName)
        {
            var paths = new FarmPaths(CommonOptions.WorkspaceOf(result), FarmStages.Registry.Get(stageName));
            var shards = result.GetValue(Shards);
            var size = result.GetValue(ShardSize);
            if (shards is not null && size is not null) throw new FaceLabException("--shards", "cannot be combined with --shard-size", "give one of them");
            if (shards is null && size is null) size = 500;
            var manifest = paths.Stage == FarmStage.Merge
                ? FarmJob.PlanMerge(paths, shards, size, result.GetValue(Model))
                : FarmJob.PlanExtraction(paths, shards, size, new ExtractionSettings(
                    result.GetValue(Detector)!, result.GetValue(Landmarks)!, Faces.Alignment.FaceType.Parse(result.GetValue(FaceType)!).ToString(),
                    result.GetValue(Size), (result.GetValue(Format) ?? FaceImageFormat.Jpg).ToString().ToLowerInvariant(),
                    FaceImageFile.DefaultJpegQuality, result.GetValue(MaxFaces), result.GetValue(Accurate)));
            return (paths, manifest);
        }
    }

    /// <summary>The engine options with the stage's shard and finishing commands.</summary>
    private sealed class EngineOptions : FarmEngineOptions
    {
        public EngineOptions()
            : base("shard", "slurm")
        {
        }

        public FarmJobRequest Request(ParseResult result, FarmPaths paths, FarmManifest manifest, IReadOnlyList<int> shards) =>
            Apply(result, FarmJobRequest.ForStage(paths, manifest, shards,
                [.. SelfLauncher.Command, "--workspace", paths.Layout.Root, .. ShardArguments(paths.Stage), "--shard", $"auto/{manifest.ShardCount}",
                    "--workers", CoresOf(result).ToString(CultureInfo.InvariantCulture)],
                [.. SelfLauncher.Command, "--workspace", paths.Layout.Root, "farm", "finish", manifest.Stage]));
    }

    private static Command Plan(CliConsole console)
    {
        var stage = StageArgument();
        var plan = new PlanOptions();
        var command = new Command("plan", "Fix a stage's frames, inputs, settings and shard cut in farm/STAGE/manifest.json; shards refuse to run when those inputs change") { stage };
        plan.AddTo(command);
        CommandRunner.SetAction(console, command, (result, _) =>
        {
            var (paths, manifest) = plan.MakePlan(result, result.GetValue(stage)!);
            FarmJob.Save(paths, manifest);
            console.Line($"plan: {manifest.Stage} of {manifest.Frames.Count} frames in {manifest.ShardCount} shards of {manifest.ShardSize} frames: {paths.Manifest}");
            var run = string.Join(' ', ShardArguments(paths.Stage));
            console.Line($"plan: run shard I (0 to {manifest.ShardCount - 1}) with `facelab {run} --shard I/{manifest.ShardCount}` (or auto/{manifest.ShardCount} in a job array), then `facelab farm finish {manifest.Stage}`");
            return Task.CompletedTask;
        });
        return command;
    }

    private static Command Submit(CliConsole console)
    {
        var stage = StageArgument();
        var plan = new PlanOptions();
        var engine = new EngineOptions();
        var dryRun = new Option<bool>("--dry-run") { Description = "Print the job scripts and the commands that would submit them; submit nothing" };
        var emit = new Option<FileInfo?>("--emit-script") { Description = "Write the shard script to FILE (and the finishing job's to FILE.finish.sh) to submit by hand; submit nothing" };
        var command = new Command("submit", "Plan a stage and submit its shards as a job array, with a finishing job (merge: the video assembled) that runs after every shard succeeded")
        {
            stage, dryRun, emit,
        };
        plan.AddTo(command);
        engine.AddTo(command);
        CommandRunner.SetAction(console, command, (result, _) =>
        {
            if (result.GetValue(dryRun) && result.GetValue(emit) is not null) throw new FaceLabException("--dry-run", "cannot be combined with --emit-script", "give one of them");
            var (paths, manifest) = plan.MakePlan(result, result.GetValue(stage)!);
            var scripts = new SlurmEngine().Prepare(engine.Request(result, paths, manifest, [.. Enumerable.Range(0, manifest.ShardCount)]), result.GetValue(emit)?.FullName);
            if (result.GetValue(dryRun))
            {
                console.Line($"# {manifest.Stage}: {manifest.Frames.Count} frames in {manifest.ShardCount} shards of {manifest.ShardSize} (dry run: nothing saved or submitted)");
                console.Line($"# {scripts.ShardScriptPath}\n{scripts.ShardScript}\n# {scripts.FinishScriptPath}\n{scripts.FinishScript}");
                foreach (var line in scripts.Commands) console.Line(line);
                return Task.CompletedTask;
            }
            FarmJob.Save(paths, manifest);
            if (result.GetValue(emit) is not null)
            {
                scripts.Write();
                console.Line($"submit: wrote {scripts.ShardScriptPath} and {scripts.FinishScriptPath} for {manifest.ShardCount} shards (plan {paths.Manifest}); submit them with:");
                foreach (var line in scripts.Commands) console.Line(line);
                return Task.CompletedTask;
            }
            var submission = FarmSubmissions.Submit(new SlurmEngine(), scripts, paths, manifest);
            console.Line($"submit: {manifest.Stage}: {manifest.ShardCount} shards of {manifest.ShardSize} frames as array job {submission.ArrayJob}, finishing job {submission.FinishJob}; logs in {paths.Logs}");
            console.Line($"submit: `facelab farm status {manifest.Stage}` shows where they stand");
            return Task.CompletedTask;
        });
        return command;
    }

    private static Command Status(CliConsole console)
    {
        var stage = StageArgument();
        var command = new Command("status", "Where each shard stands (done, running, waiting, failed, missing), from the markers and the queue") { stage };
        CommandRunner.SetAction(console, command, (result, _) =>
        {
            var paths = new FarmPaths(CommonOptions.WorkspaceOf(result), FarmStages.Registry.Get(result.GetValue(stage)!));
            var status = FarmSubmissions.Status(paths, FarmJob.Load(paths), new SlurmEngine());
            console.Line("shard  frames         state    job");
            foreach (var row in status.Shards)
                console.Line(string.Create(CultureInfo.InvariantCulture, $"{row.Shard.Index,5}  {row.Frames,-13}  {row.State.ToString().ToLowerInvariant(),-7}  {row.Job ?? "-"}"));
            var counts = string.Join(", ", Enum.GetValues<ShardState>().Select(s => $"{status.Count(s)} {s.ToString().ToLowerInvariant()}"));
            var finish = status.FinishJob is null ? "no finishing job" : $"finishing job {status.FinishJob}: {status.Finish?.ToString().ToLowerInvariant() ?? "unknown"}";
            console.Line($"status: {counts}; {finish}");
            return Task.CompletedTask;
        });
        return command;
    }

    private static Command Resume(CliConsole console)
    {
        var stage = StageArgument();
        var engine = new EngineOptions();
        var command = new Command("resume", "Submit again only the shards that failed or went missing, and the finishing job") { stage };
        engine.AddTo(command);
        CommandRunner.SetAction(console, command, (result, _) =>
        {
            var paths = new FarmPaths(CommonOptions.WorkspaceOf(result), FarmStages.Registry.Get(result.GetValue(stage)!));
            var manifest = FarmJob.Load(paths);
            var slurm = new SlurmEngine();
            var status = FarmSubmissions.Status(paths, manifest, slurm);
            var shards = FarmSubmissions.ShardsToResume(status);
            if (shards.Count == 0 && status.Finish == FarmTaskState.Succeeded)
            {
                console.Line($"resume: every shard of {manifest.Stage} is done and its finishing job {status.FinishJob} succeeded; nothing to resume");
                return Task.CompletedTask;
            }
            var submission = FarmSubmissions.Submit(slurm, slurm.Prepare(engine.Request(result, paths, manifest, shards)), paths, manifest);
            console.Line(shards.Count == 0
                ? $"resume: every shard is done; finishing job {submission.FinishJob} submitted"
                : $"resume: shards {string.Join(", ", shards)} as array job {submission.ArrayJob}, finishing job {submission.FinishJob}");
            return Task.CompletedTask;
        });
        return command;
    }

    private static Command Finish(CliConsole console)
    {
        var stage = StageArgument();
        var command = new Command("finish", "Check every shard's marker, then finish the stage: merge assembles result.mp4; extraction joins the shards' journals") { stage };
        CommandRunner.SetAction(console, command, async (result, ct) =>
        {
            var paths = new FarmPaths(CommonOptions.WorkspaceOf(result), FarmStages.Registry.Get(result.GetValue(stage)!));
            var manifest = FarmJob.Load(paths);
            var output = await ProgressDisplay.RunAsync(console, p => FarmJob.FinishAsync(paths, manifest, p, ct));
            console.Line($"finish: all {manifest.ShardCount} shards of {manifest.Stage} checked; {output}");
        });
        return command;
    }

    /// <summary>Runs the shard of a planned stage for <c>merge --shard</c> and <c>faces extract --shard</c>.</summary>
    public static async Task RunShardAsync(CliConsole console, ParseResult result, FarmStage stage, string shardText, int workers, CancellationToken ct)
    {
        var paths = new FarmPaths(CommonOptions.WorkspaceOf(result), stage);
        var manifest = FarmJob.Load(paths);
        var shard = FrameShard.Parse(shardText);
        var range = manifest.RangeOf(shard);
        console.Line($"shard {shard} of {manifest.Stage}: frames {range}");
        var marker = await ProgressDisplay.RunAsync(console, p => FarmJob.RunShardAsync(paths, manifest, shard, workers, p, ct));
        console.Line($"shard {shard}: {marker.Outputs.Count} files for frames {range}; marker {paths.MarkerOf(shard)}");
    }

    /// <summary>The command that runs a shard of <paramref name="stage"/>, before its <c>--shard</c>.</summary>
    private static string[] ShardArguments(FarmStage stage) => stage switch
    {
        FarmStage.Merge => ["merge"],
        FarmStage.ExtractSource => ["faces", "extract", "data_src"],
        _ => ["faces", "extract", "data_dst"],
    };
}
