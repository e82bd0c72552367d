using System.CommandLine;
using FaceLab.Cli.Rendering;
using FaceLab.Media;

namespace FaceLab.Cli.Commands;

/// <summary><c>facelab provenance FILE</c>: prints the synthetic-media mark (exit 0), or "none" (exit 2, so scripts can tell).</summary>
internal static class ProvenanceCommand
{
    public static Command Create(CliConsole console)
    {
        var file = new Argument<FileInfo>("FILE") { Description = "A video or PNG frame" };
        var command = new Command("provenance", "Show whether a video or frame carries FaceLab's synthetic-media mark") { file };
        CommandRunner.SetAction(console, command, async (result, ct) =>
        {
            var path = result.GetValue(file)!.FullName;
            var mark = await ProvenanceReader.ReadAsync(path, ct);
            if (mark is null)
            {
                console.Line($"{path}: provenance: none");
                return CommandRunner.NothingFound;
            }
            console.Line($"{path}: provenance: synthetic media");
            console.Line($"  tool:      {mark.Tool} {mark.Version}");
            console.Line($"  created:   {mark.Created.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC");
            console.Line($"  statement: {mark.Statement}");
            return CommandRunner.Success;
        });
        return command;
    }
}
