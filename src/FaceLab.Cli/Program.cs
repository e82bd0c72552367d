using System.CommandLine;
using System.CommandLine.Invocation;
using FaceLab.Cli.Commands;

namespace FaceLab.Cli;

public static class Program
{
    public static Task<int> Main(string[] args)
    {
        var result = CreateRootCommand().Parse(args);
        return result.Action is ParseErrorAction ? Task.FromResult(ParseErrorOutput.Write(result)) : result.InvokeAsync();
    }

    /// <summary>The whole command tree; tests parse against it too.</summary>
    public static RootCommand CreateRootCommand()
    {
        var root = new RootCommand(
            "FaceLab: the DeepFaceLab workflow for video face swapping. For work with the consent of the people shown.")
        {
            HelpName = "facelab", // not the assembly name FaceLab.Cli
        };
        root.Options.Add(CommonOptions.Workspace);
        root.Subcommands.Add(SetupCommand.Create());
        root.Subcommands.Add(DemoCommand.Create());
        root.Subcommands.Add(WorkspaceCommands.Create());
        root.Subcommands.Add(VideoCommands.Create());
        root.Subcommands.Add(FacesCommands.Create());
        root.Subcommands.Add(TrainCommand.Create());
        root.Subcommands.Add(ProvenanceCommand.Create());
        return root;
    }
}
