using System.Globalization;
using FaceLab.Assets;
using FaceLab.Training.Models;
using FaceLab.Workflow;

namespace FaceLab.Bench;

/// <summary>
/// SAEHD liae-ud against DF at 128 px on the same CPU budget and seed. The demo workflow (src at 2
/// frames/s with the best 80 % of its faces kept, every dst frame, faces at 128 px) is prepared
/// once; each model then trains in its own copy of that workspace for M minutes of CPU time divided
/// by the cores (<see cref="ProcessCpuClock"/>; argument 1, default 10) with the model's preset (argument 2, default <c>default</c>: SAEHD liae-ud 128 px
/// full face ae 256 e 64 d 64 dm 22, AdaBelief; DF 128 px full face e 128 ae 512 d 128, Adam),
/// batch 16, learning rate 2e-4, seed 1; then the swap is merged into every dst frame and evaluated
/// as the demo does. ms/iteration = the training budget / iterations reached; peak memory = the
/// process's peak resident set during training alone (reset when training starts, read when it
/// saves; Linux <c>/proc/self/clear_refs</c> and <c>VmHWM</c>). Models run one after another.
/// </summary>
public sealed class SaehdBench : IBenchmark
{
    private static readonly string[] Models = ["DF", "SAEHD"];

    public string Name => "saehd";

    public string Description => "SAEHD liae-ud vs DF at 128 px: ms/iteration, peak memory and the demo swap's evaluation after the same minutes (default 10)";

    public string[] SuiteArguments => ["10"];

    public async Task RunAsync(string[] args, TextWriter report, CancellationToken ct)
    {
        var minutes = args.Length > 0 ? double.Parse(args[0], CultureInfo.InvariantCulture) : 10;
        var preset = args.Length > 1 ? args[1] : ModelPresets.Default;
        var scratch = BenchPaths.Scratch("saehd");
        try
        {
            var basic = new SwapWorkflowOptions
            {
                Workspace = Path.Combine(scratch, "base"),
                SourceVideo = AssetStore.Default.Require(AssetCatalog.DemoSourceVideo),
                DestinationVideo = AssetStore.Default.Require(AssetCatalog.DemoDestinationVideo),
            };
            await SwapWorkflow.PrepareAsync(basic, new QuietWorkflowReporter(Name), ct);
            var cpu = new ProcessCpuClock();

            report.WriteLine($"{minutes:0.#} min of training each, preset {preset}, batch 16, lr 2e-4, seed 1; {Environment.ProcessorCount} cores; load average before: {MachineDescription.LoadAverage()}\n");
            report.WriteLine($"| model | architecture | iterations | ms/iteration | peak RSS MB (training) | {WorkflowBenchParts.EvaluationHeader} |");
            report.WriteLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
            foreach (var model in Models)
            {
                var workspace = Path.Combine(scratch, model);
                WorkflowBenchParts.CopyTree(basic.Workspace, workspace);
                long? peak = null;
                var reporter = new QuietWorkflowReporter(Name, line =>
                {
                    // The workflow says when training starts and when its model is saved.
                    if (line.StartsWith("training ", StringComparison.Ordinal)) PeakResidentSet.Reset();
                    else if (line.StartsWith("model saved at iteration", StringComparison.Ordinal)) peak = PeakResidentSet.Kilobytes();
                });
                var recipe = SwapTrainingRecipe.CpuDemo with { Model = model, Preset = preset, Minutes = minutes };
                var run = await SwapWorkflow.RunAsync(basic with { Workspace = workspace, Training = recipe, TrainingClock = cpu }, reporter, ct);
                var architecture = ModelRegistry.Get(model).Preset(preset).ArchitectureText();
                report.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {model} | {architecture} | {run.Iteration} | {minutes * 60000 / Math.Max(1, run.Iteration):0} | {peak / 1024.0:0} | {WorkflowBenchParts.EvaluationCells(run.Evaluation)} |"));
            }
            report.WriteLine($"\nload average after: {MachineDescription.LoadAverage()}");
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }
}
