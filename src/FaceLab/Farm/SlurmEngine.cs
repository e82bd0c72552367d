using System.Diagnostics;
using System.Globalization;
using System.Text;
using FaceLab.Common;

namespace FaceLab.Farm;

/// <summary>
/// Slurm: the shards as one job array (<c>sbatch --array=0-N%K</c>, the array index being the shard
/// index), the finishing job submitted with <c>--dependency=afterok</c> on the array so it starts only
/// when every shard succeeded, and task states from <c>squeue</c>. Without Slurm accounting, squeue
/// forgets finished jobs after the cluster's <c>MinJobAge</c>; the markers still say what finished.
/// </summary>
public sealed class SlurmEngine : IFarmEngine
{
    /// <inheritdoc/>
    public string Name => "slurm";

    /// <inheritdoc/>
    public FarmScripts Prepare(FarmJobRequest job, string? shardScriptPath = null)
    {
        var shardPath = Path.GetFullPath(shardScriptPath ?? Path.Combine(job.Folder, $"slurm-{job.TaskNoun}s.sh"));
        var finishPath = shardScriptPath is null ? Path.Combine(job.Folder, "slurm-finish.sh") : shardPath + ".finish.sh";
        var shardScript = Script(job, $"facelab-{job.Name}", Path.Combine(job.Logs, $"{job.TaskNoun}-%a.job-%A.log"), job.CoresPerShard, job.Gres,
            "# " + job.TaskComment, job.ShardCommand);
        var finishScript = Script(job, $"facelab-{job.Name}-finish", Path.Combine(job.Logs, "finish.job-%j.log"), 1, gres: null,
            job.FinishAfterAny ? "# Runs after every task ended." : "# Runs after every task succeeded: checks their results, then finishes the job.", job.FinishCommand);
        var commands = new List<string>();
        if (job.Shards.Count > 0) commands.Add(Quote(["sbatch", .. ArrayArguments(job), shardPath]));
        commands.Add(Quote(["sbatch", .. FinishArguments(job.Shards.Count > 0 ? "ARRAY_JOB_ID" : null, job.FinishAfterAny), finishPath]));
        return new FarmScripts(job, shardScript, finishScript, shardPath, finishPath, commands);
    }

    /// <inheritdoc/>
    public FarmSubmission Submit(FarmScripts scripts)
    {
        var job = scripts.Job;
        Directory.CreateDirectory(job.Logs);
        scripts.Write();
        var array = job.Shards.Count > 0 ? JobId(Run("sbatch", [.. ArrayArguments(job), scripts.ShardScriptPath])) : null;
        var finish = JobId(Run("sbatch", [.. FinishArguments(array, job.FinishAfterAny), scripts.FinishScriptPath]));
        return new FarmSubmission(Name, array, finish, job.Shards);
    }

    private static string[] ArrayArguments(FarmJobRequest job) => ["--parsable", "--array=" + ArraySpec(job.Shards, job.MaxParallel)];

    /// <summary>After every task of <paramref name="array"/> succeeded, cancelled (not left pending) when one failed; or after every task ended.</summary>
    private static string[] FinishArguments(string? array, bool afterAny) =>
        array is null ? ["--parsable"] : ["--parsable", (afterAny ? "--dependency=afterany:" : "--dependency=afterok:") + array, "--kill-on-invalid-dep=yes"];

    /// <inheritdoc/>
    public FarmJobStates Query(FarmSubmission submission)
    {
        var shards = new Dictionary<int, FarmTaskState>();
        if (submission.ArrayJob is { } array)
        {
            // -r lists every task of an array on its own line, also the ones still waiting.
            foreach (var line in Lines(TryRun("squeue", "-h", "-r", "-t", "all", "-j", array, "-o", "%K %T")))
            {
                var parts = line.Split(' ', 2);
                if (parts.Length == 2 && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var index))
                    shards[index] = StateOf(parts[1]);
            }
        }
        var finish = Lines(TryRun("squeue", "-h", "-t", "all", "-j", submission.FinishJob, "-o", "%T")).Select(StateOf).Cast<FarmTaskState?>().FirstOrDefault();
        return new FarmJobStates(shards, finish);
    }

    /// <summary>Slurm's job states in FaceLab's four (see <c>squeue --help</c> state codes).</summary>
    internal static FarmTaskState StateOf(string slurmState) => slurmState.Trim() switch
    {
        "PENDING" or "REQUEUED" or "REQUEUE_HOLD" or "REQUEUE_FED" or "RESV_DEL_HOLD" or "SUSPENDED" or "STOPPED" => FarmTaskState.Waiting,
        "RUNNING" or "CONFIGURING" or "COMPLETING" or "RESIZING" or "SIGNALING" or "STAGE_OUT" => FarmTaskState.Running,
        "COMPLETED" => FarmTaskState.Succeeded,
        _ => FarmTaskState.Failed,
    };

    /// <summary>The <c>--array</c> value for <paramref name="indices"/>: runs of consecutive indices as ranges (<c>0-3,7,9-10</c>), with <c>%K</c> for a limit.</summary>
    internal static string ArraySpec(IReadOnlyList<int> indices, int? maxParallel)
    {
        var sorted = indices.Distinct().Order().ToList();
        var parts = new List<string>();
        for (var i = 0; i < sorted.Count;)
        {
            var j = i;
            while (j + 1 < sorted.Count && sorted[j + 1] == sorted[j] + 1) j++;
            parts.Add(i == j ? $"{sorted[i]}" : $"{sorted[i]}-{sorted[j]}");
            i = j + 1;
        }
        return string.Join(',', parts) + (maxParallel is { } k ? $"%{k}" : "");
    }

    private static string Script(FarmJobRequest job, string name, string log, int cores, string? gres, string comment, IReadOnlyList<string> command)
    {
        var text = new StringBuilder("#!/bin/bash\n");
        void Directive(string option, string value) => text.Append("#SBATCH --").Append(option).Append('=').Append(value).Append('\n');
        Directive("job-name", name);
        Directive("output", log);
        Directive("cpus-per-task", cores.ToString(CultureInfo.InvariantCulture));
        if (job.Partition is { } partition) Directive("partition", partition);
        if (gres is not null) Directive("gres", gres);
        text.Append("# Written by FaceLab; the workspace must be on storage every node sees.\n").Append(comment).Append('\n');
        text.Append("set -eu\nexec ").Append(Quote(command)).Append('\n');
        return text.ToString();
    }

    /// <summary>Arguments as one shell line, each in single quotes.</summary>
    internal static string Quote(IEnumerable<string> arguments) =>
        string.Join(' ', arguments.Select(a => "'" + a.Replace("'", "'\\''", StringComparison.Ordinal) + "'"));

    private static string JobId(string sbatchOutput)
    {
        var id = sbatchOutput.Trim().Split(';')[0];
        return id.Length > 0 && id.All(char.IsAsciiDigit) ? id : throw new FaceLabException("sbatch", $"gave no job id ({sbatchOutput.Trim()})", "check that Slurm is running");
    }

    private static IEnumerable<string> Lines(string? text) =>
        text?.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];

    private static string Run(string program, params string[] arguments) =>
        TryRun(program, arguments, out var error) ?? throw new FaceLabException(program, error, "check that Slurm is running and accepts the job's options");

    /// <summary>A query's output, or null when it fails (squeue refuses a job id it has forgotten).</summary>
    private static string? TryRun(string program, params string[] arguments) => TryRun(program, arguments, out _);

    private static string? TryRun(string program, string[] arguments, out string error)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        try
        {
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEnd();
            process.WaitForExit();
            error = $"failed ({stderr.Trim().ReplaceLineEndings(" ")})";
            return process.ExitCode == 0 ? output.Result : null;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            error = $"cannot be started ({e.Message}); is Slurm installed here?";
            return null;
        }
    }
}
