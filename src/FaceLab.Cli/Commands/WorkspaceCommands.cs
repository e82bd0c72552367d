using System.CommandLine;
using FaceLab.Cli.Rendering;
using FaceLab.Workspace;

namespace FaceLab.Cli.Commands;

/// <summary><c>facelab workspace init [DIR] [--clear]</c>: DeepFaceLab's step 1.</summary>
internal static class WorkspaceCommands
{
    public static Command Create(CliConsole console)
    {
        var workspace = new Command("workspace", "Create or clear a DeepFaceLab-style workspace");
        var dir = new Argument<DirectoryInfo?>("DIR")
        {
            Description = "Workspace folder (default: --workspace or the current folder)",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var clear = new Option<bool>("--clear")
        {
            Description = "Delete what FaceLab generated (numbered frames, faces, debug and merged images); keeps the videos, *_trash, your own files, linked folders and model/",
        };
        var yes = new Option<bool>("--yes")
        {
            Description = "With --clear: delete without asking (required when not run from a terminal)",
        };
        var includeModels = new Option<bool>("--include-model")
        {
            Description = "With --clear: also empty model/ (trained models are lost)",
        };
        var init = new Command("init", "Create data_src/, data_dst/ (with aligned/, aligned_debug/, merged/, merged_mask/) and model/")
        {
            dir, clear, includeModels, yes,
        };
        CommandRunner.SetAction(console, init, (result, _) =>
        {
            var root = result.GetValue(dir)?.FullName ?? CommonOptions.WorkspaceOf(result).Root;
            var layout = WorkspaceInitializer.Create(root);
            if (result.GetValue(clear))
            {
                var models = result.GetValue(includeModels);
                var plan = WorkspaceInitializer.PlanClear(layout, models);
                foreach (var link in plan.LinksLeftAlone)
                    console.Line($"workspace: {Path.GetRelativePath(layout.Root, link)} is a link; left alone (neither followed nor removed)");
                if (!plan.IsEmpty && !result.GetValue(yes) && !Confirmed(console, plan, layout)) return Task.CompletedTask;
                var report = WorkspaceInitializer.Clear(layout, plan);
                console.Line($"workspace: cleared {report.FilesRemoved} files in {layout.Root}" +
                    (models ? " (model/ included)" : " (videos, *_trash, your own files and model/ kept)"));
            }
            else if (result.GetValue(includeModels))
            {
                throw new Common.FaceLabException("--include-model", "only works together with --clear", "add --clear, or drop --include-model");
            }
            console.Line($"workspace: ready at {layout.Root}");
            return Task.CompletedTask;
        });
        workspace.Subcommands.Add(init);
        return workspace;
    }

    /// <summary>Lists what would go and asks on a terminal; anywhere else deleting needs --yes.</summary>
    private static bool Confirmed(CliConsole console, WorkspaceClearPlan plan, WorkspaceLayout layout)
    {
        var summary = string.Join(", ", plan.Files.Select(f => $"{f.Value.Count} in {f.Key}")
            .Concat(plan.Folders.Count > 0 ? [$"{plan.Folders.Count} folders in model"] : []));
        if (!console.IsInteractiveInput)
            throw new Common.FaceLabException(layout.Root, $"--clear would delete {plan.FileCount} files ({summary}); nothing was deleted",
                "pass --yes to confirm when not running in a terminal");
        console.Line($"workspace: --clear will delete {plan.FileCount} files:");
        foreach (var (folder, files) in plan.Files) console.Line($"  {files.Count,7}  {folder}");
        if (plan.Folders.Count > 0) console.Line($"  {plan.Folders.Count,7}  folders in model");
        console.Out.Profile.Out.Writer.Write("Delete them? [y/N] ");
        var answer = Console.ReadLine()?.Trim();
        if (answer is "y" or "Y" or "yes") return true;
        console.Line("workspace: nothing deleted");
        return false;
    }
}
