using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using FaceLab.Training;
using static TorchSharp.torch;

namespace FaceLab.Bench;

/// <summary>
/// Milliseconds per training iteration of DF at its default widths at 64 px batch 16 and 128 px
/// batch 8, in TorchSharp through <see cref="TrainingStep"/> and, in the same invocation, in the
/// PyTorch reference <c>../shared/reference/pytorch/df_bench.py</c> (the same architecture: encoder
/// 128-256-512-1024, dense 512, decoders 512-256-128 with mask heads) run as a child process after
/// ours, with the ratio TorchSharp / PyTorch (target ≤ 1.05). Both use the same loss, 10·(MSE +
/// DSSIM) per side plus mask MSE, unmasked, and Adam, on random tensors with random binary masks,
/// and the given threads; each reports the median of its timed iterations after its warm-up ones.
/// Peak memory is each process's VmHWM after its run (ours is the bench process's highest so far,
/// so the 128 px row is never below the 64 px one). The PyTorch side needs Debian's PyTorch:
/// <c>apt-get install -y python3-torch</c>; without it its columns read n/a. Arguments:
/// [iterations=5] [warmup=1] [threads=2].
/// </summary>
public sealed class TrainingStepBench : IBenchmark
{
    private const string Python = "/usr/bin/python3";
    private static readonly (int Resolution, int Batch)[] Configurations = [(64, 16), (128, 8)];

    public string Name => "training";

    public string Description => "ms/iteration of DF 64 px b16 and 128 px b8: TorchSharp vs the PyTorch reference";

    public string[] SuiteArguments => ["10", "2", "2"];

    public async Task RunAsync(string[] args, TextWriter report, CancellationToken ct)
    {
        var iterations = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 5;
        var warmup = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1;
        var threads = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 2;
        var reference = Path.Combine(BenchPaths.RepositoryRoot, "..", "shared", "reference", "pytorch", "df_bench.py");
        if (!File.Exists(reference)) report.WriteLine($"PyTorch reference not found at {reference}: run from the repository (../shared beside it)");
        report.WriteLine($"median of {iterations} iterations after {warmup} warm-up, {threads} threads; peak memory = the process's VmHWM after the run\n");
        report.WriteLine("| run | TorchSharp ms | PyTorch ms | ratio | TorchSharp peak | PyTorch peak |");
        report.WriteLine("|---|---|---|---|---|---|");
        foreach (var (resolution, batch) in Configurations)
        {
            ct.ThrowIfCancellationRequested();
            var ours = MeasureTorchSharp(resolution, batch, warmup, iterations, threads);
            var ourPeak = PeakMemoryMb();
            var (theirs, theirPeak) = await MeasurePyTorch(reference, resolution, batch, warmup, iterations, threads, ct);
            var ratio = theirs is { } t ? (ours / t).ToString("0.00", CultureInfo.InvariantCulture) : "n/a";
            report.WriteLine($"| DF {resolution} px, batch {batch} | {ours:0} | {theirs?.ToString("0", CultureInfo.InvariantCulture) ?? "n/a"} | {ratio} | {ourPeak:0} MB | {theirPeak?.ToString("0", CultureInfo.InvariantCulture) ?? "n/a"} MB |");
        }
    }

    private static double MeasureTorchSharp(int resolution, int batch, int warmup, int iterations, int threads)
    {
        set_num_threads(threads);
        manual_seed(1);
        return DfIterationTimer.MedianMs(resolution, batch, warmup, iterations);
    }

    private static async Task<(double? Ms, double? PeakMb)> MeasurePyTorch(
        string script, int resolution, int batch, int warmup, int iterations, int threads, CancellationToken ct)
    {
        if (!File.Exists(Python) || !File.Exists(script)) return (null, null);
        var start = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { script, "bench", $"{resolution}", $"{batch}", $"{warmup}", $"{iterations}", "dssim", $"{threads}" })
            start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        _ = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        var result = (await stdout).Split('\n').FirstOrDefault(l => l.StartsWith("RESULT", StringComparison.Ordinal));
        if (process.ExitCode != 0 || result is null) return (null, null); // python3-torch missing: apt-get install -y python3-torch
        var ms = Regex.Match(result, @"median_ms=(\d+)");
        var peak = Regex.Match(result, @"VmHWM=(\d+) kB");
        return (double.Parse(ms.Groups[1].Value, CultureInfo.InvariantCulture),
            peak.Success ? double.Parse(peak.Groups[1].Value, CultureInfo.InvariantCulture) / 1024 : null);
    }

    private static double PeakMemoryMb() => (PeakResidentSet.Kilobytes() ?? 0) / 1024.0;
}
