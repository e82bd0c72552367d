using FaceLab.Cli;
using FaceLab.Cli.Rendering;
using Spectre.Console.Testing;

namespace FaceLab.Tests.Support;

/// <summary>
/// Runs the CLI in this process with Spectre test consoles in place of stdout and stderr: what a
/// command printed and its exit code, without starting a process (see <see cref="CliProcess"/> for that).
/// </summary>
public static class CliInProcess
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr)
    {
        public string[] StdoutLines => Lines(Stdout);

        public string[] StderrLines => Lines(Stderr);

        private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    public static async Task<Result> RunAsync(params string[] args)
    {
        using var output = new TestConsole();
        using var error = new TestConsole();
        var exitCode = await Program.RunAsync(args, new CliConsole(output, error), CancellationToken.None);
        return new Result(exitCode, output.Output, error.Output);
    }
}
