using System.CommandLine;
using FaceLab.Common;
using Spectre.Console;

namespace FaceLab.Cli.Commands;

/// <summary>
/// Runs a command body with FaceLab's exit-code contract: 0 on success; 1 and one line on
/// stderr for a user-facing error; 130 when stopped with Ctrl+C (finished work is kept).
/// </summary>
internal static class CommandRunner
{
    public const int Failure = 1;
    public const int Interrupted = 130;

    public static void SetAction(Command command, Func<ParseResult, CancellationToken, Task> body) =>
        command.SetAction(async (result, ct) =>
        {
            try
            {
                await body(result, ct);
                return 0;
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                Console.Error.WriteLine("facelab: stopped; finished work is kept and the command can be run again to continue");
                return Interrupted;
            }
            catch (FaceLabException e)
            {
                Console.Error.WriteLine($"facelab: error: {OneLine(e.Message)}");
                return Failure;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"facelab: error: {OneLine(e.Message)}");
                return Failure;
            }
        });

    public static void Info(string text) => AnsiConsole.MarkupLineInterpolated($"{text}");

    private static string OneLine(string message) => message.ReplaceLineEndings(" ").Trim();
}
