using System.CommandLine;
using System.Runtime.InteropServices;
using System.CommandLine.Invocation;
using FaceLab.Cli.Commands;

namespace FaceLab.Cli;

public static class Program
{
    /// <summary>
    /// Ctrl+C and SIGTERM cancel the command's token and never end the process themselves: a command
    /// stops within a bounded time (training finishes its step and saves) and exits 130. A second
    /// request while it finishes only says so; the process never exits in the middle of a save.
    /// </summary>
    public static async Task<int> Main(string[] args)
    {
        var result = CreateRootCommand().Parse(args);
        if (result.Action is ParseErrorAction) return ParseErrorOutput.Write(result);
        using var stop = new CancellationTokenSource();
        void OnSignal(PosixSignalContext context)
        {
            context.Cancel = true;
            if (stop.IsCancellationRequested) Console.Error.WriteLine("facelab: finishing and saving what was done; please wait");
            else stop.Cancel();
        }
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        return await result.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null }, stop.Token);
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
        root.Subcommands.Add(ModelCommands.Create());
        root.Subcommands.Add(MergeCommand.Create());
        root.Subcommands.Add(ProvenanceCommand.Create());
        root.Subcommands.Add(StudioCommand.Create());
        return root;
    }
}
