using System.CommandLine;
using FaceLab.Cli.Rendering;

namespace FaceLab.Cli.Commands;

/// <summary>
/// Runs a command body with FaceLab's exit-code contract: 0 on success; 1 and one line on
/// stderr for a user-facing error; 2 when the command found nothing (a file without a mark);
/// 130 when stopped with Ctrl+C.
/// </summary>
internal static class CommandRunner
{
    public const int Success = 0;
    public const int Failure = 1;
    public const int NothingFound = 2;
    public const int Interrupted = 130;

    /// <summary>As <see cref="SetAction(CliConsole, Command, Func{ParseResult, CancellationToken, Task}, string?)"/> on the process's console.</summary>
    public static void SetAction(Command command, Func<ParseResult, CancellationToken, Task> body, string? keptWhenStopped = null) =>
        SetAction(CliConsole.Standard, command, body, keptWhenStopped);

    /// <param name="console">Where errors and the stop message go.</param>
    /// <param name="command">The command whose action this is.</param>
    /// <param name="body">What the command does.</param>
    /// <param name="keptWhenStopped">What survives Ctrl+C and how to continue, for commands that keep finished work; null: nothing is kept.</param>
    public static void SetAction(CliConsole console, Command command, Func<ParseResult, CancellationToken, Task> body, string? keptWhenStopped = null) =>
        SetAction(console, command, async (result, ct) =>
        {
            await body(result, ct);
            return Success;
        }, keptWhenStopped);

    /// <summary>A body that chooses its own exit code.</summary>
    public static void SetAction(CliConsole console, Command command, Func<ParseResult, CancellationToken, Task<int>> body, string? keptWhenStopped = null) =>
        command.SetAction(async (result, ct) =>
        {
            try
            {
                return await body(result, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                console.ErrorLine(keptWhenStopped is null ? "facelab: stopped" : $"facelab: stopped; {keptWhenStopped}");
                return Interrupted;
            }
            catch (Exception e) when (ErrorLine.IsForUser(e))
            {
                console.ErrorLine($"facelab: error: {ErrorLine.Of(e)}");
                return Failure;
            }
        });
}
