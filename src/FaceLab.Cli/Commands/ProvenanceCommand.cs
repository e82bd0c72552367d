using System.CommandLine;
using FaceLab.Media;

namespace FaceLab.Cli.Commands;

/// <summary><c>facelab provenance FILE</c>: prints the synthetic-media mark (exit 0), or "none" (exit 2, so scripts can tell).</summary>
internal static class ProvenanceCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("FILE") { Description = "A video or PNG frame" };
        var command = new Command("provenance", "Show whether a video or frame carries FaceLab's synthetic-media mark") { file };
        CommandRunner.SetAction(command, async (result, ct) =>
        {
            var path = result.GetValue(file)!.FullName;
            var mark = await ProvenanceReader.ReadAsync(path, ct);
            if (mark is null)
            {
                Console.WriteLine($"{path}: provenance: none");
                return CommandRunner.NothingFound;
            }
            Console.WriteLine($"{path}: provenance: synthetic media");
            Console.WriteLine($"  tool:      {mark.Tool} {mark.Version}");
            Console.WriteLine($"  created:   {mark.Created.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC");
            Console.WriteLine($"  statement: {mark.Statement}");
            return CommandRunner.Success;
        });
        return command;
    }
}
