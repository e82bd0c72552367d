using System.CommandLine;
using FaceLab.Assets;
using FaceLab.Cli.Rendering;
using FaceLab.Workflow;

namespace FaceLab.Cli.Commands;

/// <summary>
/// <c>facelab demo [SRC DST]</c>: the whole workflow on the built-in demo pair (fetched by setup) or
/// on two videos of the user's, in a workspace of its own. Every step resumes.
/// </summary>
internal static class DemoCommand
{
    public const string DefaultFolder = "demo-workspace";

    public static Command Create(CliConsole console)
    {
        var src = new Argument<FileInfo?>("SRC") { Description = "Video of the face to put in (default: the demo src)", Arity = ArgumentArity.ZeroOrOne };
        var dst = new Argument<FileInfo?>("DST") { Description = "Video whose face is replaced (default: the demo dst)", Arity = ArgumentArity.ZeroOrOne };
        var minutes = new Option<double>("--minutes")
        {
            Description = "Minutes of training in total over every run (a rerun trains only what is left; raise it to train on)",
            DefaultValueFactory = _ => SwapTrainingRecipe.CpuDemo.Minutes,
        };
        var command = new Command("demo",
            $"Run the whole workflow on the demo videos in ./{DefaultFolder}, or on SRC and DST in ./demo-SRC-DST (or --workspace): " +
            "frames, faces, the best src faces, training, the merged swap, result.mp4 marked as synthetic, compare.jpg, the evaluation")
        {
            src, dst, minutes,
        };
        command.Validators.Add(r =>
        {
            if ((r.GetValue(src) is null) != (r.GetValue(dst) is null)) r.AddError("demo: give both SRC and DST, or neither for the demo pair");
        });
        CommandRunner.SetAction(console, command, async (result, ct) =>
        {
            var ownPair = result.GetValue(src) is { } s && result.GetValue(dst) is { } d ? (s.FullName, d.FullName) : ((string, string)?)null;
            var store = AssetStore.Default;
            await ProgressDisplay.RunAsync(console, p => new AssetInstaller(store).EnsureAsync(
                ownPair is null ? [AssetCatalog.DemoSourceVideo, AssetCatalog.DemoDestinationVideo, AssetCatalog.UltraFace] : [AssetCatalog.UltraFace], p, ct));
            var (srcVideo, dstVideo) = ownPair ?? (store.Require(AssetCatalog.DemoSourceVideo), store.Require(AssetCatalog.DemoDestinationVideo));
            var folder = result.GetValue(CommonOptions.Workspace)?.FullName
                ?? Path.GetFullPath(ownPair is null ? DefaultFolder : $"demo-{Stem(srcVideo)}-{Stem(dstVideo)}");
            var options = new SwapWorkflowOptions
            {
                Workspace = folder,
                SourceVideo = srcVideo,
                DestinationVideo = dstVideo,
                CopyVideos = ownPair is null,
                ModelName = "demo", // model/demo_DF, as the docs name it and earlier demo workspaces hold it
                Training = SwapTrainingRecipe.CpuDemo with { Minutes = result.GetValue(minutes) },
            };
            var done = await SwapWorkflow.RunAsync(options, new ConsoleWorkflowReporter(console, "demo"), ct);
            console.Line("");
            EvaluationTable.Write(console, done.Evaluation);
            console.Line($"demo: the swap is {done.ResultVideo} ({done.Frames} frames, {done.FacesReplaced} faces replaced, model iteration {done.Iteration})");
            console.Line($"demo: original and swapped frames side by side: {done.Comparison}");
            console.Line($"demo: the model is {done.ModelFolder}; `facelab provenance {done.ResultVideo}` reads the synthetic-media mark");
        });
        return command;
    }

    private static string Stem(string path) => Path.GetFileNameWithoutExtension(path);
}
