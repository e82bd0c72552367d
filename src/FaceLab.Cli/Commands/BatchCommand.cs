using System.CommandLine;
using FaceLab.Cli.Rendering;
using FaceLab.Common;
using FaceLab.Farm;
using FaceLab.Workflow;
using Spectre.Console;

namespace FaceLab.Cli.Commands;

/// <summary>
/// <c>facelab batch MANIFEST</c>: the whole workflow over every src/dst pair of a manifest, one
/// workspace per pair, here one after another or as a Slurm job array (one task per pair); a rerun
/// skips the pairs done; <c>--status</c> shows every pair's result and evaluation in one table.
/// </summary>
internal static class BatchCommand
{
    public static Command Create(CliConsole console)
    {
        var manifestArgument = new Argument<FileInfo>("MANIFEST") { Description = "The batch manifest (JSON: pairs of src/dst videos and the training; docs/batch.md)" };
        var engine = new FarmEngineOptions("pair", "local", "slurm");
        var pairOption = new Option<string?>("--pair") { Description = "Run only this pair (its name or index from 0; auto takes the index from SLURM_ARRAY_TASK_ID, as each array task does)" };
        var status = new Option<bool>("--status") { Description = "Show where every pair stands with its result and evaluation (and its Slurm task); write summary.md/json once all finished" };
        var dryRun = new Option<bool>("--dry-run") { Description = "Show what would run (slurm: the job scripts and the sbatch commands); run and submit nothing" };
        var emit = new Option<FileInfo?>("--emit-script") { Description = "slurm: write the pair script to FILE (and the finishing job's to FILE.finish.sh) to submit by hand; submit nothing" };
        var command = new Command("batch",
            "Run the whole workflow (frames, faces, training, merge, result.mp4, evaluation) over every src/dst pair of MANIFEST, one workspace per pair; " +
            "a rerun skips pairs done with the same settings and resumes the others")
        {
            manifestArgument, pairOption, status, dryRun, emit,
        };
        engine.AddTo(command);
        CommandRunner.SetAction(console, command, async (result, ct) =>
        {
            var manifest = BatchManifest.Load(result.GetValue(manifestArgument)!.FullName);
            if (result.GetValue(status)) return Status(console, manifest);
            if (result.GetValue(pairOption) is { } chosen)
            {
                var pair = manifest.Pair(chosen == "auto" ? FrameShard.ArrayTaskIndex().ToString(System.Globalization.CultureInfo.InvariantCulture) : chosen);
                var done = await BatchRun.RunPairAsync(pair, Reporter(console, pair), ct);
                BatchSummary.WriteWhenFinished(manifest);
                return done.Outcome == BatchPairOutcome.Done ? CommandRunner.Success : CommandRunner.Failure;
            }
            if (result.GetValue(dryRun) && result.GetValue(emit) is not null) throw new FaceLabException("--dry-run", "cannot be combined with --emit-script", "give one of them");
            if (result.GetValue(engine.Engine) == "slurm") return Submit(console, result, engine, manifest, result.GetValue(dryRun), result.GetValue(emit));
            if (result.GetValue(emit) is not null) throw new FaceLabException("--emit-script", "writes a cluster job script", "add --engine slurm");

            var rows = BatchSummary.Read(manifest);
            console.Line($"batch: {manifest.Pairs.Count} pairs of {manifest.File}, one after another; workspaces in {manifest.Workspaces}");
            if (result.GetValue(dryRun))
            {
                foreach (var row in rows)
                    console.Line($"batch: {row.Pair.Index} {row.Pair.Name}: {(row.State == BatchPairState.Done ? "done; would be skipped" : $"{row.State.ToString().ToLowerInvariant()}; would run")}");
                return CommandRunner.Success;
            }
            var results = await BatchRun.RunAsync(manifest, manifest.Pairs, pair => Reporter(console, pair), ct);
            console.Line("");
            Status(console, manifest);
            return results.All(r => r.Outcome == BatchPairOutcome.Done) ? CommandRunner.Success : CommandRunner.Failure;
        }, "every pair finished is kept, an interrupted one resumes: run the same command again");
        return command;
    }

    private static ConsoleWorkflowReporter Reporter(CliConsole console, BatchPair pair) => new(console, $"batch {pair.Name}");

    private static int Submit(CliConsole console, ParseResult result, FarmEngineOptions engine, BatchManifest manifest, bool dryRun, FileInfo? emit)
    {
        var slurm = new SlurmEngine();
        var pairs = BatchJobs.ToSubmit(BatchJobs.Status(manifest, slurm));
        if (pairs.Count == 0)
        {
            console.Line($"batch: every pair of {manifest.File} is done; nothing to submit (`facelab batch {manifest.File} --status` shows the summary)");
            return CommandRunner.Success;
        }
        var request = engine.Apply(result, BatchJobs.Request(manifest, pairs,
            [.. SelfLauncher.Command, "batch", manifest.File, "--pair", "auto"],
            [.. SelfLauncher.Command, "batch", manifest.File, "--status"]));
        var scripts = slurm.Prepare(request, emit?.FullName);
        if (dryRun)
        {
            console.Line($"# batch: pairs {string.Join(", ", pairs)} of {manifest.File} (dry run: nothing submitted)");
            console.Line($"# {scripts.ShardScriptPath}\n{scripts.ShardScript}\n# {scripts.FinishScriptPath}\n{scripts.FinishScript}");
            foreach (var line in scripts.Commands) console.Line(line);
            return CommandRunner.Success;
        }
        if (emit is not null)
        {
            scripts.Write();
            console.Line($"batch: wrote {scripts.ShardScriptPath} and {scripts.FinishScriptPath} for pairs {string.Join(", ", pairs)}; submit them with:");
            foreach (var line in scripts.Commands) console.Line(line);
            return CommandRunner.Success;
        }
        var submission = BatchJobs.Submit(slurm, scripts, manifest);
        console.Line($"batch: pairs {string.Join(", ", pairs)} as array job {submission.ArrayJob}, finishing job {submission.FinishJob}; logs in {request.Logs}");
        console.Line($"batch: `facelab batch {manifest.File} --status` shows where they stand");
        return CommandRunner.Success;
    }

    private static int Status(CliConsole console, BatchManifest manifest)
    {
        var rows = BatchJobs.Status(manifest, new SlurmEngine());
        var withJobs = rows.Any(r => r.Task is not null);
        IReadOnlyList<string> columns = withJobs ? [.. BatchSummary.Columns, "job"] : BatchSummary.Columns;
        var cells = rows.Select(r => (IReadOnlyList<string>)[.. BatchSummary.Cells(r.Row, r.State), .. withJobs ? [r.Task?.Job ?? ""] : Array.Empty<string>()]).ToList();
        if (console.IsInteractive)
        {
            var table = new Table().Border(TableBorder.Rounded);
            foreach (var column in columns) table.AddColumn(Markup.Escape(column));
            foreach (var row in cells) table.AddRow([.. row.Select(Markup.Escape)]);
            console.Out.Write(table);
        }
        else
        {
            // Scripts, logs and pipes get the table as markdown: a table drawn for 80 columns would wrap.
            console.Out.Profile.Out.Writer.Write(BatchSummary.Table(columns, cells));
        }
        foreach (var row in rows.Where(r => r.Row.State == BatchPairState.Failed)) console.Line($"batch: {row.Row.Pair.Name} failed: {row.Row.Result!.Error}");
        var counts = rows.GroupBy(r => r.State).Select(g => $"{g.Count()} {g.Key}");
        var written = BatchSummary.WriteWhenFinished(manifest) ? $"; summary in {manifest.SummaryMarkdown} and {manifest.SummaryJson}" : "";
        console.Line($"batch: {string.Join(", ", counts)} of {rows.Count} pairs{written}");
        return CommandRunner.Success;
    }
}
