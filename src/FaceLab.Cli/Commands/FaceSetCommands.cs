using System.CommandLine;
using FaceLab.Cli.Rendering;
using FaceLab.Common;
using FaceLab.FaceSets;
using FaceLab.FaceSets.Features;
using FaceLab.FaceSets.Packing;
using FaceLab.FaceSets.Sorting;

namespace FaceLab.Cli.Commands;

/// <summary>
/// <c>facelab faces sort | restore | pack | unpack</c>: DeepFaceLab's steps 4.1–4.2.5 and 5.1–5.3
/// (cleaning a face set by sorting, the trash) and its <c>faceset.pak</c>.
/// </summary>
internal static class FaceSetCommands
{
    public static IEnumerable<Command> Create(CliConsole console) => [Sort(console), Restore(console), Pack(console), Unpack(console)];

    private static Command Sort(CliConsole console)
    {
        var dir = FaceSetArgument("Folder of aligned faces");
        var by = new Option<string>("--by")
        {
            Description = "Sort method. " + string.Join("; ", FaceSortMethods.All.Select(m => $"{m.Name}: {m.Description}")),
            Required = true,
        };
        by.NamesFrom(FaceSortMethods.Registry);
        var count = new Option<int?>("--count") { Description = "Keep this many faces (the first of the new order; best: its choice) and move the rest to DIR_trash/" };
        var below = new Option<double?>("--trash-below") { Description = "Move faces whose value (blur, yaw, brightness, ...) is below this to DIR_trash/" };
        var above = new Option<double?>("--trash-above") { Description = "Move faces whose value is above this to DIR_trash/" };
        var workers = new Option<int>("--workers") { Description = "Worker threads (default: all cores)", DefaultValueFactory = _ => Environment.ProcessorCount };
        var command = new Command("sort", "Order faces so bad ones cluster: renames them 00000.jpg... in the new order; rejected faces move to DIR_trash/, never deleted")
        {
            dir, by, count, below, above, workers,
        };
        CommandRunner.SetAction(console, command, async (result, ct) =>
        {
            var options = new FaceSortOptions
            {
                Count = result.GetValue(count),
                TrashBelow = result.GetValue(below),
                TrashAbove = result.GetValue(above),
                Workers = Math.Clamp(result.GetValue(workers), 1, 256),
            };
            var folder = FaceSetFolderOf(result, dir);
            var report = await ProgressDisplay.RunAsync(console, p => FaceSetSorter.SortAsync(folder, result.GetValue(by)!, options, p, ct));
            if (report.ResumedInterruptedSort) console.Line("faces: finished the renames of an interrupted sort first");
            console.Line($"faces: sorted {report.Kept} faces by {report.Method} in {folder}" +
                (report.Trashed > 0 ? $"; moved {report.Trashed} to {report.TrashFolder} (facelab faces restore to bring them back)" : "") +
                $" ({report.FeaturesComputed} measured, {report.FeaturesFromCache} from the cache)");
            SortValuesOutput.Write(console, report);
            ReportSkipped(console, report.Skipped, "left in place, not sorted");
        }, keptWhenStopped: "no face was moved; the faces measured so far are cached for the next sort");
        return command;
    }

    private static Command Restore(CliConsole console)
    {
        var dir = FaceSetArgument("The face folder whose DIR_trash/ to empty back into it");
        var command = new Command("restore", "Move every face from DIR_trash/ back into DIR (taken names get a _1, _2... suffix; nothing is overwritten)") { dir };
        CommandRunner.SetAction(console, command, (result, _) =>
        {
            var folder = FaceSetFolderOf(result, dir);
            var report = FaceSetTrash.Restore(folder);
            console.Line($"faces: restored {report.Restored} files from {FaceSetFolder.TrashOf(folder)}");
            foreach (var (from, to) in report.Renamed) console.Line($"faces: {from} restored as {to} (name taken)");
            return Task.CompletedTask;
        });
        return command;
    }

    private static Command Pack(CliConsole console)
    {
        var dir = FaceSetArgument("Folder of aligned faces");
        var output = new Option<FileInfo?>("--out") { Description = $"Pack file (default: DIR/{FaceSetPack.DefaultFileName})" };
        var overwrite = CommonOptions.Overwrite("a pack file");
        var command = new Command("pack", "Pack a face set into one file (index + image bytes) that copies and loads fast; the faces stay as they are") { dir, output, overwrite };
        CommandRunner.SetAction(console, command, async (result, ct) =>
        {
            var folder = FaceSetFolderOf(result, dir);
            var report = await ProgressDisplay.RunAsync(console, p => Task.Run(
                () => FaceSetPacker.Pack(folder, result.GetValue(output)?.FullName, result.GetValue(overwrite), p, ct), ct));
            console.Line($"faces: packed {report.Faces} faces ({report.Bytes / 1e6:0.0} MB) into {report.Path}");
            ReportSkipped(console, report.Skipped, "not packed");
        });
        return command;
    }

    private static Command Unpack(CliConsole console)
    {
        var file = new Argument<FileInfo>("FILE") { Description = "A face pack written by facelab faces pack" };
        var output = new Option<DirectoryInfo?>("--out") { Description = "Folder to write the faces into (default: the pack's folder)" };
        var command = new Command("unpack", "Write the faces of a pack back as files, byte-identical") { file, output };
        CommandRunner.SetAction(console, command, async (result, ct) =>
        {
            var pack = result.GetValue(file)!.FullName;
            var report = await ProgressDisplay.RunAsync(console, p => Task.Run(() => FaceSetPacker.Unpack(pack, result.GetValue(output)?.FullName, p, ct), ct));
            console.Line($"faces: unpacked {report.Faces} faces into {report.Path}" +
                (report.AlreadyPresent > 0 ? $" ({report.AlreadyPresent} were already there)" : ""));
        }, keptWhenStopped: "the faces written so far are kept; run unpack again to write the rest");
        return command;
    }

    private static Argument<string> FaceSetArgument(string description) => new("DIR")
    {
        Description = description + ": data_src or data_dst (the workspace's aligned faces) or any folder",
    };

    private static string FaceSetFolderOf(ParseResult result, Argument<string> dir) =>
        CommonOptions.WorkspaceOf(result).AlignedFolderNamed(result.GetValue(dir)!);

    private static void ReportSkipped(CliConsole console, IReadOnlyList<SkippedFace> skipped, string what)
    {
        foreach (var s in skipped.Take(20)) console.Warning($"{s.Name}: {s.Reason}; {what}");
        if (skipped.Count > 20) console.Warning($"{skipped.Count - 20} more files without usable metadata; {what}");
    }
}
