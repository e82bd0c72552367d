using FaceLab.Tests.Support;
using FaceLab.Tests.Workflow;
using FaceLab.Workflow;
using Xunit.Abstractions;

namespace FaceLab.Tests.Farm;

/// <summary>
/// <c>facelab batch --engine slurm</c> on a real one-node Slurm: three pairs as three array tasks,
/// one killed part-way (SIGKILL, as a pre-emption would); <c>--status</c> shows it failed and the
/// others done with their figures, and submitting again runs only that pair, which resumes its
/// workspace; the finishing job writes the summary once every pair is done.
/// </summary>
[Collection(SlurmNodeFixture.Name)]
public class BatchSlurmTests(BatchPairsFixture media, ITestOutputHelper output) : IClassFixture<BatchPairsFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(10);

    private CliProcess.Result Facelab(params string[] args)
    {
        var result = CliProcess.RunWithin(Patience, media.Folder, args);
        output.WriteLine($"$ facelab {string.Join(' ', args)} -> {result.ExitCode}\n{result.Stdout}{result.Stderr}");
        Assert.True(result.ExitCode == 0, $"facelab {string.Join(' ', args)}: {result.Stderr}");
        return result;
    }

    [Fact]
    public void Three_pairs_run_as_array_tasks_and_a_resubmit_runs_only_the_killed_pair()
    {
        var path = media.WriteManifest("slurm", BatchPairsFixture.Pairs);
        var manifest = BatchManifest.Load(path);
        var killed = manifest.Pairs[1];

        var submitted = Facelab("batch", path, "--engine", "slurm", "--max-parallel", "2");
        Assert.Contains("batch: pairs 0, 1, 2 as array job", submitted.Stdout, StringComparison.Ordinal);
        var array = SlurmNodeFixture.ArrayJobIn(submitted.Stdout);
        SlurmNodeFixture.KillWhenPartWay(array, killed.Index, Path.Combine(killed.Workspace, WorkflowState.FileName),
            Path.Combine(killed.Workspace, BatchPairResult.FileName));
        SlurmNodeFixture.WaitUntilIdle(Patience);

        var status = Facelab("batch", path, "--status").Stdout;
        Assert.Matches($@"\| demo \| done \| 3 \| .* \| {array}_0 \|", status);
        Assert.Matches($@"\| {killed.Name} \| failed \|  \| .* \| {array}_1 \|", status);
        Assert.Matches($@"\| man-on-glasses \| done \| 3 \| .* \| {array}_2 \|", status);
        Assert.Contains("batch: 2 done, 1 failed of 3 pairs\n", status, StringComparison.Ordinal);
        Assert.False(File.Exists(manifest.SummaryMarkdown)); // not every pair finished
        var kept = new[] { 0, 2 }.ToDictionary(i => i, i => BatchPairResult.Load(manifest.Pairs[i].Workspace)!.FinishedAt);

        var resubmitted = Facelab("batch", path, "--engine", "slurm");
        Assert.Contains("batch: pairs 1 as array job", resubmitted.Stdout, StringComparison.Ordinal);
        var rerun = SlurmNodeFixture.ArrayJobIn(resubmitted.Stdout);
        SlurmNodeFixture.WaitUntilIdle(Patience);

        var logs = Path.Combine(manifest.Workspaces, "_jobs", "logs");
        Assert.Equal([$"pair-1.job-{rerun}.log"], Directory.GetFiles(logs, $"pair-*.job-{rerun}.log").Select(Path.GetFileName));
        Assert.Contains($"batch {killed.Name}: workspace", File.ReadAllText(Path.Combine(logs, $"pair-1.job-{rerun}.log")), StringComparison.Ordinal);
        foreach (var (index, time) in kept) Assert.Equal(time, BatchPairResult.Load(manifest.Pairs[index].Workspace)!.FinishedAt);
        var result = BatchPairResult.Load(killed.Workspace)!;
        Assert.True(result.Outcome == BatchPairOutcome.Done, result.Error);
        Assert.Equal(BatchPairsFixture.TargetIteration, result.Iteration);
        Assert.Equal(media.Frames(BatchPairsFixture.Pairs[1].Dst), MediaOracle.DecodedFrames(MediaOracle.Probe(result.ResultVideo!)));

        var final = Facelab("batch", path, "--status").Stdout;
        Assert.Contains("batch: 3 done of 3 pairs; summary in", final, StringComparison.Ordinal);
        Assert.Equal(3, File.ReadAllLines(manifest.SummaryMarkdown).Count(l => l.StartsWith("| ", StringComparison.Ordinal)) - 1);
        Assert.Contains("nothing to submit", Facelab("batch", path, "--engine", "slurm").Stdout, StringComparison.Ordinal);
    }
}
