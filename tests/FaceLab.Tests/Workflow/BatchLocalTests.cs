using FaceLab.Media;
using FaceLab.Tests.Support;
using FaceLab.Workflow;
using Xunit.Abstractions;

namespace FaceLab.Tests.Workflow;

/// <summary>
/// <c>facelab batch MANIFEST</c> in this process over three real pairs and one with a zero-byte
/// src: the broken pair is recorded failed with its error and the others complete (a video with
/// the dst's frames, audio when the dst has it, the synthetic-media mark, evaluation figures in
/// the summary); a rerun skips the three done pairs without training them again.
/// </summary>
public sealed class BatchLocalTests(BatchPairsFixture media, ITestOutputHelper output) : IClassFixture<BatchPairsFixture>
{
    private async Task<CliInProcess.Result> Batch(params string[] args)
    {
        var result = await CliInProcess.RunAsync(["batch", .. args]);
        output.WriteLine($"$ facelab batch {string.Join(' ', args)} -> {result.ExitCode}\n{result.Stdout}{result.Stderr}");
        return result;
    }

    [Fact]
    public async Task Runs_every_pair_records_a_failing_one_and_a_rerun_skips_the_pairs_done()
    {
        var pairs = BatchPairsFixture.Pairs.ToList();
        pairs.Insert(1, BatchPairsFixture.Broken); // the pairs after it still run
        var path = media.WriteManifest("local", pairs);
        var manifest = BatchManifest.Load(path);

        var first = await Batch(path);
        Assert.Equal(1, first.ExitCode); // one pair failed

        var broken = BatchPairResult.Load(manifest.Pair(BatchPairsFixture.Broken.Name).Workspace)!;
        Assert.Equal(BatchPairOutcome.Failed, broken.Outcome);
        Assert.Contains("broken.mp4", broken.Error, StringComparison.Ordinal);
        Assert.Contains($"batch {BatchPairsFixture.Broken.Name}: failed after", first.Stdout, StringComparison.Ordinal);

        var results = new Dictionary<string, BatchPairResult>();
        foreach (var (name, _, dst) in BatchPairsFixture.Pairs)
        {
            var result = BatchPairResult.Load(manifest.Pair(name).Workspace)!;
            results[name] = result;
            Assert.True(result.Outcome == BatchPairOutcome.Done, $"{name}: {result.Error}");
            Assert.Equal(BatchPairsFixture.TargetIteration, result.Iteration);
            var video = Path.Combine(manifest.Pair(name).Workspace, SwapWorkflow.ResultFileName);
            Assert.Equal(video, result.ResultVideo);
            var probe = MediaOracle.Probe(video);
            Assert.Equal(media.Frames(dst), MediaOracle.DecodedFrames(probe));
            Assert.Equal(media.HasAudio(dst), MediaOracle.Streams(probe, "audio").Any());
            Assert.NotNull(await ProvenanceReader.ReadAsync(video));
            var evaluation = result.Evaluation!;
            Assert.InRange(evaluation.Identity.IdRetrieval, 0, 1);
            Assert.InRange(evaluation.Faces, 5, 10); // the 10 sampled frames, a face on (nearly) each
            Assert.NotNull(evaluation.Reconstruction);
        }
        Assert.True(BatchPairsFixture.Pairs.Any(p => media.HasAudio(p.Dst)) && BatchPairsFixture.Pairs.Any(p => !media.HasAudio(p.Dst)));

        // The summary: a row per pair with its figures, on the console (markdown when not a terminal) and in summary.md/json.
        var table = first.StdoutLines.Where(l => l.StartsWith("| ", StringComparison.Ordinal)).ToList();
        foreach (var (name, result) in results)
        {
            var row = table.Single(l => l.Contains($" {name} ", StringComparison.Ordinal));
            Assert.Contains(" done ", row, StringComparison.Ordinal);
            Assert.Contains($" {result.Evaluation!.Identity.IdRetrieval:0.00} ", row, StringComparison.Ordinal);
            Assert.Contains($" {result.Evaluation.Reconstruction!.Ssim:0.000} ", row, StringComparison.Ordinal);
        }
        Assert.Contains(table, l => l.Contains($" {BatchPairsFixture.Broken.Name} ", StringComparison.Ordinal) && l.Contains(" failed ", StringComparison.Ordinal));
        Assert.Contains("batch: 3 done, 1 failed of 4 pairs; summary in", first.Stdout, StringComparison.Ordinal);
        var markdown = File.ReadAllLines(manifest.SummaryMarkdown);
        Assert.Equal(4, markdown.Count(l => l.StartsWith("| ", StringComparison.Ordinal)) - 1); // rows under the header
        Assert.Contains(markdown, l => l.StartsWith("| demo | done | 3 |", StringComparison.Ordinal));
        Assert.Contains(markdown, l => l.StartsWith($"{BatchPairsFixture.Broken.Name} failed: ", StringComparison.Ordinal));
        Assert.True(File.Exists(manifest.SummaryJson));

        // A rerun skips the done pairs (nothing trained again: same iteration, result untouched) and tries the failed one again.
        var again = await Batch(path);
        Assert.Equal(1, again.ExitCode);
        foreach (var (name, result) in results)
        {
            Assert.Contains($"batch {name}: done before with these settings (model iteration {BatchPairsFixture.TargetIteration}); skipped", again.Stdout, StringComparison.Ordinal);
            Assert.Equal(result.FinishedAt, BatchPairResult.Load(manifest.Pair(name).Workspace)!.FinishedAt);
        }
        Assert.DoesNotContain("training DF", again.Stdout, StringComparison.Ordinal);
        Assert.Contains($"batch {BatchPairsFixture.Broken.Name}: failed after", again.Stdout, StringComparison.Ordinal);

        // --status reads the same table back; --dry-run says what would run.
        var status = await Batch(path, "--status");
        Assert.Equal(0, status.ExitCode);
        Assert.Contains("batch: 3 done, 1 failed of 4 pairs", status.Stdout, StringComparison.Ordinal);
        var dry = await Batch(path, "--dry-run");
        Assert.Contains("batch: 0 demo: done; would be skipped", dry.Stdout, StringComparison.Ordinal);
        Assert.Contains($"batch: 1 {BatchPairsFixture.Broken.Name}: failed; would run", dry.Stdout, StringComparison.Ordinal);
    }
}
