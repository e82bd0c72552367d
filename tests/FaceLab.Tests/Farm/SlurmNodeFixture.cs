using System.Diagnostics;
using System.Text.RegularExpressions;
using FaceLab.Tests.Support;

namespace FaceLab.Tests.Farm;

/// <summary>
/// A real one-node Slurm (Debian's slurm-wlm and munge) started on 127.0.0.1 by
/// <c>scripts/slurm-node.sh</c> for the farm tests and stopped after them. A Slurm that cannot start
/// fails the tests: they never skip.
/// </summary>
public sealed partial class SlurmNodeFixture : IDisposable
{
    public const string Name = "slurm";

    private static string Script => Path.Combine(TestPaths.RepositoryRoot, "scripts", "slurm-node.sh");

    public SlurmNodeFixture()
    {
        var (code, output) = Run(Script, "start");
        if (code != 0) throw new InvalidOperationException($"Slurm did not start (scripts/slurm-node.sh start, exit {code}): {output}");
    }

    public void Dispose() => Run(Script, "stop");

    /// <summary>Runs a Slurm client or the node script; exit code and everything it printed.</summary>
    public static (int Code, string Output) Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result + stderr);
    }

    /// <summary>Waits until the queue holds no job waiting or running (every job on this node is a test's).</summary>
    public static void WaitUntilIdle(TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (Run("squeue", "-h", "-t", "pending,running,completing,configuring", "-o", "%i").Output.Trim().Length > 0)
        {
            if (clock.Elapsed > timeout) throw new TimeoutException($"Slurm jobs still queued or running after {timeout.TotalMinutes:0} minutes: {Run("squeue").Output}");
            Thread.Sleep(300);
        }
    }

    /// <summary>The array job id <c>farm submit</c> or <c>farm resume</c> printed.</summary>
    public static string ArrayJobIn(string output) =>
        ArrayJob().Match(output) is { Success: true } m ? m.Groups[1].Value : throw new InvalidOperationException("no array job in: " + output);

    /// <summary>
    /// Waits until <paramref name="file"/> exists (the shard is part-way), then kills that task with
    /// SIGKILL as a pre-emption or a lost node would; the test fails if the shard finished first.
    /// </summary>
    public static void KillWhenPartWay(string arrayJob, int index, string file, string marker)
    {
        var clock = Stopwatch.StartNew();
        while (!File.Exists(file))
        {
            Assert.False(File.Exists(marker), $"shard {index} finished before it could be killed");
            if (clock.Elapsed > TimeSpan.FromMinutes(10)) throw new TimeoutException($"shard {index} never wrote {file}");
            Thread.Sleep(50);
        }
        var (code, output) = Run("scancel", "--signal=KILL", "--full", $"{arrayJob}_{index}");
        Assert.True(code == 0, output);
        Assert.False(File.Exists(marker), $"shard {index} finished before it was killed");
    }

    [GeneratedRegex(@"array job (\d+)")]
    private static partial Regex ArrayJob();
}

[CollectionDefinition(SlurmNodeFixture.Name)]
public sealed class SlurmNodeCollection : ICollectionFixture<SlurmNodeFixture>;
