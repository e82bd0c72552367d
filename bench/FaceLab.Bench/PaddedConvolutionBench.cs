using System.Diagnostics;
using System.Globalization;
using FaceLab.Training.Layers;
using FaceLab.Training.Models;
using static TorchSharp.torch;

namespace FaceLab.Bench;

/// <summary>
/// What the CPU gradient fix costs (RELIABILITY.md, wrong gradients from libtorch's CPU
/// convolution): DF 128 px batch 8's two heads per decoder (5×5, 128 → 3 face and 128 → 1 mask,
/// 128×128) timed forward + backward as plain <c>Conv2d</c> and through <c>PaddedConvolution</c>
/// (outputs padded to 16) on the same random input, interleaved call by call so the machine's load
/// falls on both alike; then one whole DF 128 px batch-8 training iteration (which runs the padded
/// heads, both decoders). The cost per iteration is the padded − plain difference of both heads
/// times two (src and dst decoders), as a share of the iteration. Medians of the timed calls after
/// warm-up. Arguments: [calls=10] [iterations=5] [threads=2].
/// </summary>
public sealed class PaddedConvolutionBench : IBenchmark
{
    private const int Resolution = 128, Batch = 8;

    public string Name => "padded-conv";

    public string Description => "the CPU gradient fix's cost: DF 128 px heads forward+backward plain vs padded, against a whole iteration";

    public string[] SuiteArguments => ["10", "5", "2"];

    public Task RunAsync(string[] args, TextWriter report, CancellationToken ct)
    {
        var calls = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10;
        var iterations = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5;
        var threads = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 2;
        set_num_threads(threads);
        manual_seed(1);
        var dims = DfModel.Defaults.DecoderDims;
        report.WriteLine($"median of {calls} calls (heads) and {iterations} iterations after one warm-up each, {threads} threads\n");
        report.WriteLine("| head | plain ms | padded ms | ratio |");
        report.WriteLine("|---|---|---|---|");
        var extra = 0.0;
        foreach (var (name, outputs) in new[] { ("face", 3), ("mask", 1) })
        {
            ct.ThrowIfCancellationRequested();
            var (plain, padded) = MeasureHead(dims, outputs, calls);
            extra += 2 * (padded - plain);
            report.WriteLine($"| {name}: {dims} → {outputs}, 5×5, {Resolution}×{Resolution}, batch {Batch} | {plain:0} | {padded:0} | {padded / plain:0.00} |");
        }
        ct.ThrowIfCancellationRequested();
        var iteration = DfIterationTimer.MedianMs(Resolution, Batch, 1, iterations);
        report.WriteLine();
        report.WriteLine($"DF {Resolution} px batch {Batch} iteration (padded heads): {iteration:0} ms; the padding adds {extra:0} ms of it ({100 * extra / iteration:0.0} %).");
        return Task.CompletedTask;
    }

    private static (double Plain, double Padded) MeasureHead(int inputs, int outputs, int calls)
    {
        using var scope = NewDisposeScope();
        using var conv = nn.Conv2d(inputs, outputs, kernel_size: 5, padding: 2);
        var input = rand([Batch, inputs, Resolution, Resolution]).requires_grad_(true);
        double Time(Func<Tensor> forward)
        {
            using var call = NewDisposeScope();
            var clock = Stopwatch.StartNew();
            forward().sum().backward();
            return clock.Elapsed.TotalMilliseconds;
        }
        Time(() => conv.forward(input));
        Time(() => PaddedConvolution.Forward(conv, input));
        List<double> plain = [], padded = [];
        for (var i = 0; i < calls; i++)
        {
            plain.Add(Time(() => conv.forward(input)));
            padded.Add(Time(() => PaddedConvolution.Forward(conv, input)));
        }
        return (DfIterationTimer.Median(plain), DfIterationTimer.Median(padded));
    }
}
