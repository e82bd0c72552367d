using FaceLab.Common;
using FaceLab.Workflow;

namespace FaceLab.Cli.Rendering;

/// <summary>A workflow's lines on the console, prefixed with the command's name, and its steps' live progress.</summary>
internal sealed class ConsoleWorkflowReporter(CliConsole console, string prefix) : IWorkflowReporter
{
    public TextWriter TrainingLog => console.Out.Profile.Out.Writer;

    public void Say(string line) => console.Line($"{prefix}: {line}");

    public Task<T> TrackAsync<T>(Func<IProgress<OperationProgress>, Task<T>> work) => ProgressDisplay.RunAsync(console, work);
}
