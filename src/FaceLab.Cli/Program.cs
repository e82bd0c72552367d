using System.CommandLine;
using FaceLab.Cli.Commands;

namespace FaceLab.Cli;

public static class Program
{
    public static Task<int> Main(string[] args) => CreateRootCommand().Parse(args).InvokeAsync();

    /// <summary>The whole command tree; tests parse against it too.</summary>
    public static RootCommand CreateRootCommand()
    {
        var root = new RootCommand(
            "FaceLab: the DeepFaceLab workflow for video face swapping. For work with the consent of the people shown.");
        root.Options.Add(CommonOptions.Workspace);
        root.Subcommands.Add(SetupCommand.Create());
        root.Subcommands.Add(DemoCommand.Create());
        root.Subcommands.Add(WorkspaceCommands.Create());
        root.Subcommands.Add(VideoCommands.Create());
        root.Subcommands.Add(FacesCommands.Create());
        root.Subcommands.Add(TrainCommand.Create());
        root.Subcommands.Add(ModelCommands.Create());
        root.Subcommands.Add(ProvenanceCommand.Create());
        return root;
    }
}
