using System.CommandLine;
using FaceLab.Workspace;

namespace FaceLab.Cli.Commands;

/// <summary><c>facelab workspace init [DIR] [--clear]</c>: DeepFaceLab's step 1.</summary>
internal static class WorkspaceCommands
{
    public static Command Create()
    {
        var workspace = new Command("workspace", "Create or clear a DeepFaceLab-style workspace");
        var dir = new Argument<DirectoryInfo?>("DIR")
        {
            Description = "Workspace folder (default: --workspace or the current folder)",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var clear = new Option<bool>("--clear")
        {
            Description = "Empty the generated folders (frames, aligned faces, debug, merged); keeps data_src.*, data_dst.* and model/",
        };
        var includeModels = new Option<bool>("--include-model")
        {
            Description = "With --clear: also empty model/ (trained models are lost)",
        };
        var init = new Command("init", "Create data_src/, data_dst/ (with aligned/, aligned_debug/, merged/, merged_mask/) and model/")
        {
            dir, clear, includeModels,
        };
        CommandRunner.SetAction(init, (result, _) =>
        {
            var root = result.GetValue(dir)?.FullName ?? CommonOptions.WorkspaceOf(result).Root;
            var layout = WorkspaceInitializer.Create(root);
            if (result.GetValue(clear))
            {
                var report = WorkspaceInitializer.Clear(layout, result.GetValue(includeModels));
                Console.WriteLine($"workspace: cleared {report.FilesRemoved} files in {layout.Root}" +
                    (result.GetValue(includeModels) ? " (model/ included)" : " (data_src.*, data_dst.* and model/ kept)"));
            }
            else if (result.GetValue(includeModels))
            {
                throw new Common.FaceLabException("--include-model: only works together with --clear");
            }
            Console.WriteLine($"workspace: ready at {layout.Root}");
            return Task.CompletedTask;
        });
        workspace.Subcommands.Add(init);
        return workspace;
    }
}
