using System.Diagnostics;
using Xunit.Abstractions;

namespace FaceLab.Tests.Support;

/// <summary>
/// kill -9 of the real CLI at a moment chosen from outside: after a delay (a random moment), or once
/// a look at the files sees the moment wanted (e.g. a write held open by a <c>FACELAB_FAULT_PAUSE_*</c>
/// variable). The files are looked at again after the kill: nothing changes them any more, so
/// seeing the moment then proves the kill landed inside it. Counts every kill for the report.
/// </summary>
public sealed class KillCampaign(ITestOutputHelper output)
{
    /// <summary>
    /// Kills per moment: <paramref name="inSuite"/> in the test suite, <c>FACELAB_KILLS</c> for a
    /// campaign (25 gives the 50 kills per command of RELIABILITY.md with two moments).
    /// </summary>
    public static int KillsPerMoment(int inSuite) =>
        int.TryParse(Environment.GetEnvironmentVariable("FACELAB_KILLS"), out var kills) && kills > 0 ? kills : inSuite;

    /// <summary>Runs tried for one kill: a random moment may come after the run finished, a kill inside a write after the pause.</summary>
    private const int MaxAttempts = 3;

    private int _killed;
    private int _landed;
    private int _finishedFirst;

    /// <summary>Processes killed so far.</summary>
    public int Killed => _killed;

    /// <summary>Kills proven to have landed inside the moment they waited for.</summary>
    public int Landed => _landed;

    /// <summary>Runs that finished before their random moment came.</summary>
    public int FinishedFirst => _finishedFirst;

    /// <summary>Starts <c>facelab ARGS</c> and kills it (SIGKILL, its children left running as a real kill leaves them) after <paramref name="delay"/>.</summary>
    public Task<KillResult> KillAfterAsync(string workingDirectory, TimeSpan delay, params string[] args) =>
        RunAsync(workingDirectory, new Dictionary<string, string>(), args, delay, null, null);

    /// <summary>
    /// Starts <c>facelab ARGS</c> with <paramref name="environment"/>, waits until <paramref name="moment"/>
    /// names the moment (null: not yet) and <paramref name="accept"/> takes it, and kills the process.
    /// The result says whether <paramref name="moment"/> still names it after the kill.
    /// </summary>
    public Task<KillResult> KillWhenAsync(string workingDirectory, IReadOnlyDictionary<string, string> environment,
        Func<string?> moment, Func<string, bool>? accept, params string[] args) =>
        RunAsync(workingDirectory, environment, args, null, moment, accept ?? (_ => true));

    /// <summary>
    /// The campaign of one command: <paramref name="killsPerMoment"/> kills at a random moment of a run
    /// (between <see cref="KillPlan.EarliestKill"/> and <see cref="KillPlan.LatestKill"/> of an
    /// uninterrupted run's time) taking turns with as many inside a write (<paramref name="insideAWrite"/>
    /// gives, for each, the moment to wait for and which sighting to take; the plan's pause holds the
    /// write open). Each run continues what the killed one left. <see cref="KillPlan.BeforeRun"/> may
    /// start afresh from a finished result; <see cref="KillPlan.AfterRun"/> checks the invariant. Every
    /// kill inside a write must be proven, and every run that finished must have succeeded.
    /// </summary>
    public async Task RunAsync(KillPlan plan, int killsPerMoment, int seed, Func<Random, WriteMoment> insideAWrite)
    {
        var random = new Random(seed);
        for (var kill = 1; kill <= 2 * killsPerMoment; kill++)
        {
            plan.BeforeRun?.Invoke();
            KillResult run;
            if (kill % 2 == 1)
            {
                // A run that finished before its moment is checked like the others, then another is killed.
                for (var attempt = 1; ; attempt++)
                {
                    var delay = plan.RunTime * (plan.EarliestKill + (plan.LatestKill - plan.EarliestKill) * random.NextDouble());
                    run = await KillAfterAsync(plan.WorkingDirectory, delay, plan.Args);
                    if (run.Killed || attempt == MaxAttempts) break;
                    Assert.True(run.ExitCode == 0, $"run {kill}: {run.Stderr}");
                    plan.AfterRun($"run {kill}, finished before its moment");
                    plan.BeforeRun?.Invoke();
                }
            }
            else
            {
                // On a loaded machine the kill may come after the pause ended: that kill still counts and is
                // checked, and another run is killed until one lands inside the write.
                for (var attempt = 1; ; attempt++)
                {
                    var moment = insideAWrite(random);
                    run = await KillWhenAsync(plan.WorkingDirectory, plan.Pause, moment.Seen, moment.Accept, plan.Args);
                    if (run.Landed || attempt == MaxAttempts) break;
                    if (!run.Killed) Assert.True(run.ExitCode == 0, $"run {kill}: {run.Stderr}");
                    plan.AfterRun($"kill {kill}, missed attempt {attempt}");
                    plan.BeforeRun?.Invoke();
                }
                Assert.True(run.Landed, $"kill {kill}: the write was never caught in {MaxAttempts} runs ({run.Stderr})");
            }
            if (!run.Killed) Assert.True(run.ExitCode == 0, $"run {kill}: {run.Stderr}");
            plan.AfterRun($"kill {kill}");
        }
    }

    /// <summary>One line for the test output: what the campaign did.</summary>
    public string Summary(string command) =>
        $"{command}: {Killed} kills, {Landed} proven inside the write they waited for, {FinishedFirst} runs finished before their moment";

    private async Task<KillResult> RunAsync(string workingDirectory, IReadOnlyDictionary<string, string> environment, string[] args,
        TimeSpan? delay, Func<string?>? moment, Func<string, bool>? accept)
    {
        using var process = CliProcess.Start(workingDirectory, environment, args);
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        var clock = Stopwatch.StartNew();
        var deadline = TimeSpan.FromMinutes(2);
        string? seen = null;
        try
        {
            if (delay is { } wait)
            {
                await Task.WhenAny(process.WaitForExitAsync(), Task.Delay(wait));
            }
            else
            {
                while (!process.HasExited && clock.Elapsed < deadline)
                {
                    if (moment!() is { } now && accept!(now))
                    {
                        seen = now;
                        break;
                    }
                    await Task.Delay(5);
                }
            }
            var killed = !process.HasExited;
            if (killed) process.Kill(entireProcessTree: false);
            await process.WaitForExitAsync();
            var result = new KillResult(killed, seen, killed && seen is not null && moment!() == seen, clock.Elapsed, process.ExitCode, await stdout, await stderr);
            if (result.Killed) Interlocked.Increment(ref _killed);
            else Interlocked.Increment(ref _finishedFirst);
            if (result.Landed) Interlocked.Increment(ref _landed);
            output.WriteLine($"  {(killed ? "killed" : "finished")} after {clock.Elapsed.TotalSeconds:0.00} s{(seen is null ? "" : $" inside {seen}")}{(killed || result.ExitCode == 0 ? "" : $", exit {result.ExitCode}: {result.Stderr.Trim()}")}");
            return result;
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }
    }
}

/// <summary>How a run ended: killed or finished first, the moment it was killed in and whether that was proven, its output.</summary>
public sealed record KillResult(bool Killed, string? Moment, bool Landed, TimeSpan Elapsed, int ExitCode, string Stdout, string Stderr);

/// <summary>A command to kill again and again, and how (see <see cref="KillCampaign.RunAsync"/>).</summary>
public sealed record KillPlan(string WorkingDirectory, string[] Args, TimeSpan RunTime, IReadOnlyDictionary<string, string> Pause, Action<string> AfterRun)
{
    /// <summary>The earliest random kill, as a share of <see cref="RunTime"/>.</summary>
    public double EarliestKill { get; init; } = 0.1;

    /// <summary>The latest random kill, as a share of <see cref="RunTime"/> (past 1, some runs finish first).</summary>
    public double LatestKill { get; init; } = 1.1;

    /// <summary>Run before every run: e.g. starting afresh when the last run finished the work.</summary>
    public Action? BeforeRun { get; init; }
}

/// <summary>A write to kill inside: what the files show while it is held open (null: not now), and which sighting to take.</summary>
public sealed record WriteMoment(Func<string?> Seen, Func<string, bool>? Accept = null);
