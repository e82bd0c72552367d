using Spectre.Console;

namespace FaceLab.Cli.Rendering;

/// <summary>
/// Where commands write: results, progress and prompts to <see cref="Out"/>, errors and warnings
/// to <see cref="Error"/>. Both are Spectre consoles, so a test runs a command in-process with
/// <c>TestConsole</c>s and reads what it printed.
/// </summary>
internal sealed class CliConsole(IAnsiConsole output, IAnsiConsole error)
{
    /// <summary>The process's stdout and stderr.</summary>
    public static CliConsole Standard { get; } = new(
        AnsiConsole.Console,
        AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) }));

    public IAnsiConsole Out => output;

    public IAnsiConsole Error => error;

    /// <summary>A person watches a terminal: live progress bars; not when output is redirected, in CI or in a test console.</summary>
    public bool IsInteractive =>
        output.Profile.Capabilities.Interactive && !Console.IsOutputRedirected
        && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI"));

    /// <summary>A person at a terminal who can answer prompts and press keys.</summary>
    public bool IsInteractiveInput => IsInteractive && !Console.IsInputRedirected;

    // Plain lines go to the console's writer as they are: Spectre's text rendering would wrap them at
    // the terminal width (80 columns when redirected), and scripts read these lines.

    /// <summary>One line of output.</summary>
    public void Line(string text) => output.Profile.Out.Writer.WriteLine(text);

    /// <summary>One line on the error output.</summary>
    public void ErrorLine(string text) => error.Profile.Out.Writer.WriteLine(text);

    /// <summary>A warning: <c>facelab: warning: text</c> on the error output.</summary>
    public void Warning(string text) => ErrorLine($"facelab: warning: {text}");
}
