using System.CommandLine;
using FaceLab.Cli.Rendering;

namespace FaceLab.Cli.Commands;

/// <summary>
/// What a mistyped command line prints: each error on one line and where to find help, instead
/// of the whole help text (which buries the error under thirty lines).
/// </summary>
internal static class ParseErrorOutput
{
    public static int Write(ParseResult result, CliConsole console)
    {
        foreach (var error in result.Errors)
            console.ErrorLine($"facelab: error: {OneLine(error.Message)}");
        var path = string.Join(' ', ["facelab", .. CommandPath(result)]);
        console.ErrorLine($"facelab: see '{path} --help'");
        return CommandRunner.Failure;
    }

    private static Stack<string> CommandPath(ParseResult result)
    {
        var names = new Stack<string>();
        for (var r = result.CommandResult; r.Parent is System.CommandLine.Parsing.CommandResult parent; r = parent)
            names.Push(r.Command.Name);
        return names;
    }

    private static string OneLine(string message) =>
        string.Join(' ', message.Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
