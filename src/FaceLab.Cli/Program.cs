using System.CommandLine;
using System.Runtime.InteropServices;
using System.CommandLine.Invocation;
using FaceLab.Cli.Commands;
using FaceLab.Cli.Rendering;

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
        var console = CliConsole.Standard;
        using var stop = new CancellationTokenSource();
        void OnSignal(PosixSignalContext context)
        {
            context.Cancel = true;
            if (stop.IsCancellationRequested) console.ErrorLine("facelab: finishing and saving what was done; please wait");
            else stop.Cancel();
        }
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        return await RunAsync(args, console, stop.Token);
    }

    /// <summary>Parses and runs one command line, writing to <paramref name="console"/>: the whole CLI, in-process.</summary>
    internal static async Task<int> RunAsync(string[] args, CliConsole console, CancellationToken ct)
    {
        var result = CreateRootCommand(console).Parse(args);
        if (result.Action is ParseErrorAction) return ParseErrorOutput.Write(result, console);
        var invocation = new InvocationConfiguration
        {
            ProcessTerminationTimeout = null,
            Output = console.Out.Profile.Out.Writer,
            Error = console.Error.Profile.Out.Writer,
        };
        return await result.InvokeAsync(invocation, ct);
    }

    /// <summary>The whole command tree; tests parse against it too.</summary>
    public static RootCommand CreateRootCommand() => CreateRootCommand(CliConsole.Standard);

    internal static RootCommand CreateRootCommand(CliConsole console)
    {
        var root = new RootCommand(
            "FaceLab: the DeepFaceLab workflow for video face swapping. For work with the consent of the people shown.")
        {
            HelpName = "facelab", // not the assembly name FaceLab.Cli
        };
        root.Options.Add(CommonOptions.Workspace);
        root.Subcommands.Add(SetupCommand.Create(console));
        root.Subcommands.Add(DemoCommand.Create(console));
        root.Subcommands.Add(BatchCommand.Create(console));
        root.Subcommands.Add(WorkspaceCommands.Create(console));
        root.Subcommands.Add(VideoCommands.Create(console));
        root.Subcommands.Add(FacesCommands.Create(console));
        root.Subcommands.Add(TrainCommand.Create(console));
        root.Subcommands.Add(ModelCommands.Create(console));
        root.Subcommands.Add(MergeCommand.Create(console));
        root.Subcommands.Add(EvaluateCommand.Create(console));
        root.Subcommands.Add(FarmCommands.Create(console));
        root.Subcommands.Add(ProvenanceCommand.Create(console));
        root.Subcommands.Add(StudioCommand.Create(console));
        return root;
    }
}
