using System.CommandLine;
using FaceLab.Assets;
using FaceLab.Cli.Rendering;
using FaceLab.Media;
using FaceLab.Provenance;
using FaceLab.Workspace;

namespace FaceLab.Cli.Commands;

/// <summary>
/// <c>facelab demo</c>: the main job on the built-in demo data. Until the face stages land it runs
/// the video part of the workflow: demo dst video → frames → video with provenance.
/// Re-running reuses finished steps.
/// </summary>
internal static class DemoCommand
{
    public const string DefaultFolder = "demo-workspace";

    public static Command Create()
    {
        var command = new Command("demo",
            $"Run the workflow on the demo videos (fetched by setup) in ./{DefaultFolder} or --workspace");
        CommandRunner.SetAction(command, async (result, ct) =>
        {
            var root = result.GetValue(CommonOptions.Workspace)?.FullName ?? Path.GetFullPath(DefaultFolder);
            var store = AssetStore.Default;
            await ProgressDisplay.RunAsync(p => new AssetInstaller(store).EnsureAsync(
                [AssetCatalog.DemoSourceVideo, AssetCatalog.DemoDestinationVideo], p, ct));

            var layout = WorkspaceInitializer.Create(root);
            var dst = PlaceVideo(store.Require(AssetCatalog.DemoDestinationVideo), Path.Combine(layout.Root, "data_dst.mp4"));
            PlaceVideo(store.Require(AssetCatalog.DemoSourceVideo), Path.Combine(layout.Root, "data_src.mp4"));
            Console.WriteLine($"demo: workspace {layout.Root}");

            var expected = await VideoProbe.CountFramesAsync(dst, ct);
            var frames = FrameSequence.In(layout.DestinationFrames);
            if (frames.Count != expected)
            {
                var extracted = await ProgressDisplay.RunAsync(p => FrameExtractor.ExtractAsync(
                    dst, layout.DestinationFrames, new FrameExtractionOptions { Overwrite = frames.Count > 0 }, p, ct));
                Console.WriteLine($"demo: extracted {extracted.FrameCount} frames of data_dst.mp4");
            }
            else
            {
                Console.WriteLine($"demo: data_dst/ already holds all {expected} frames");
            }

            // Face extraction, training and merging are not built yet: the frames go back unchanged.
            var output = Path.Combine(layout.Root, "result.mp4");
            var assembled = await ProgressDisplay.RunAsync(p => VideoAssembler.AssembleAsync(
                layout.DestinationFrames, output, new VideoAssemblyOptions { Reference = dst, Overwrite = true }, p, ct));
            var mark = await ProvenanceReader.ReadAsync(output, ct);
            Console.WriteLine($"demo: {assembled.Output}: {assembled.FrameCount} frames at {assembled.FrameRate.Value:0.###} fps");
            Console.WriteLine($"demo: provenance: {mark?.ToText() ?? "none"}");
        });
        return command;
    }

    /// <summary>Copies a demo video into the workspace unless an identical copy is there.</summary>
    private static string PlaceVideo(string cached, string target)
    {
        if (File.Exists(target) && new FileInfo(target).Length == new FileInfo(cached).Length) return target;
        if (File.Exists(target))
            throw new Common.FaceLabException($"{target}: exists and is not the demo video; use another --workspace");
        var temp = target + ".partial";
        File.Copy(cached, temp, overwrite: true);
        File.Move(temp, target);
        return target;
    }
}
