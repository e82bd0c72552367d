using System.Diagnostics;
using System.Globalization;
using FaceLab.Assets;
using FaceLab.Common;
using FaceLab.Workflow;

namespace FaceLab.Bench;

/// <summary>
/// The README's main command as a new user runs it: the whole demo workflow (<c>facelab demo</c>'s
/// options: the demo pair copied into a new workspace, src at 2 frames/s with the best 80 % kept, the
/// cpu-demo recipe for 10 minutes of wall time, merge, assembly, comparison sheet, evaluation of 250
/// frames) from nothing to the evaluation, in one process. Reported: each step's wall time (from the
/// workflow's own messages), the total, the iterations trained, and the evaluation against the targets
/// (ID retrieval ≥ 0.9, pose error ≤ 5°, expression error ≤ 0.1). Set-up (packages, models) is not in
/// the time: the suite installs it before. Argument: [M=10] minutes of training.
/// </summary>
public sealed class DemoQualityBench : IBenchmark
{
    public string Name => "demo-quality";

    public string Description => "the whole demo (facelab demo) timed step by step, with its evaluation against the targets";

    public string[] SuiteArguments => ["10"];

    public async Task RunAsync(string[] args, TextWriter report, CancellationToken ct)
    {
        var minutes = args.Length > 0 ? double.Parse(args[0], CultureInfo.InvariantCulture) : SwapTrainingRecipe.CpuDemo.Minutes;
        var scratch = BenchPaths.Scratch("demo-quality");
        try
        {
            var options = new SwapWorkflowOptions
            {
                Workspace = Path.Combine(scratch, "demo-workspace"),
                SourceVideo = AssetStore.Default.Require(AssetCatalog.DemoSourceVideo),
                DestinationVideo = AssetStore.Default.Require(AssetCatalog.DemoDestinationVideo),
                CopyVideos = true,
                ModelName = "demo",
                Training = SwapTrainingRecipe.CpuDemo with { Minutes = minutes },
            };
            report.WriteLine($"{Environment.ProcessorCount} cores; load average before: {MachineDescription.LoadAverage()}\n");
            var steps = new StepTimer();
            var result = await SwapWorkflow.RunAsync(options, steps, ct);

            report.WriteLine("| step (the workflow's message that ended it) | wall s |");
            report.WriteLine("|---|---:|");
            foreach (var (step, seconds) in steps.Steps)
                report.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {step.Replace("|", "/", StringComparison.Ordinal)} | {seconds:0} |"));
            report.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| **total** | **{steps.Total.TotalSeconds:0}** ({steps.Total.TotalMinutes:0.0} min) |"));

            var e = result.Evaluation;
            report.WriteLine($"\n{result.Iteration} iterations of DF cpu-demo; {result.Frames} frames merged, {result.FacesReplaced} faces replaced; evaluation of {e.Frames} frames:\n");
            report.WriteLine("| figure | value | target | met |");
            report.WriteLine("|---|---:|---:|---|");
            void Row(string figure, double value, string format, string target, bool met) =>
                report.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {figure} | {value.ToString(format, CultureInfo.InvariantCulture)} | {target} | {(met ? "yes" : "**no**")} |"));
            Row("ID retrieval", e.Identity.IdRetrieval, "0.00", "≥ 0.9", e.Identity.IdRetrieval >= 0.9);
            Row("pose error °", e.PoseError.Mean, "0.00", "≤ 5", e.PoseError.Mean <= 5);
            Row("expression error", e.ExpressionError, "0.000", "≤ 0.1", e.ExpressionError <= 0.1);
            Row("finished within 20 min", steps.Total.TotalMinutes, "0.0", "≤ 20", steps.Total.TotalMinutes <= 20);
            report.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"\nalso: verified as src {e.Identity.SourceVerified:0.00}, distance to src / dst {e.Identity.DistanceToSource:0.00} / {e.Identity.DistanceToDestination:0.00}, dst→dst SSIM {e.Reconstruction?.Ssim:0.000}, PSNR {e.Reconstruction?.Psnr:0.0} dB, sharpness ratio {e.SharpnessRatio:0.00}, flicker ratio {e.FlickerRatio:0.00}"));
            report.WriteLine($"\nload average after: {MachineDescription.LoadAverage()}");
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    /// <summary>Times the workflow by its messages: each message ends a step that began at the one before (training's ends with "model saved").</summary>
    private sealed class StepTimer : IWorkflowReporter
    {
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private bool _started;
        private TimeSpan _since;

        public List<(string Step, double Seconds)> Steps { get; } = [];

        public TimeSpan Total => _clock.Elapsed;

        public TextWriter TrainingLog => TextWriter.Null;

        public void Say(string line)
        {
            Console.WriteLine($"demo-quality [{_clock.Elapsed:mm\\:ss}] {line}");
            var now = _clock.Elapsed;
            if (_started) Steps.Add((Shorten(line), (now - _since).TotalSeconds));
            (_started, _since) = (true, now);
        }

        public Task<T> TrackAsync<T>(Func<IProgress<OperationProgress>, Task<T>> work) => work(new Progress<OperationProgress>());

        private static string Shorten(string line) => line.Length <= 90 ? line : line[..87] + "...";
    }
}
