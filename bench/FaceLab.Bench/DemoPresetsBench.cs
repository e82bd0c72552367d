using System.Globalization;
using FaceLab.Assets;
using FaceLab.Training.Models;
using FaceLab.Workflow;

namespace FaceLab.Bench;

/// <summary>
/// Which training recipe buys the most swap per CPU-minute on the demo pair: the demo's own
/// workflow (src at 2 frames/s with the best 80 % of its faces kept, every dst frame, faces at
/// 128 px) is prepared once; each candidate recipe then trains in its own copy of that workspace
/// with seed 1, and at each budget (argument 1, minutes, default <c>5,10,15</c>; training resumes
/// between them; minutes of the process's CPU time divided by the cores, <see cref="ProcessCpuClock"/>,
/// so that load beside the benchmark does not shrink one candidate's budget more than another's) the swap is merged into every dst frame and evaluated as the demo does
/// (250 frames in runs of 5): ID retrieval, verified as src, pose and expression error, dst→dst SSIM, sharpness and
/// flicker ratios, with the iterations reached. Candidates run one after another on the same
/// machine; arguments 2… pick candidates by name (default: all). Times are training time only.
/// </summary>
public sealed class DemoPresetsBench : IBenchmark
{
    private static readonly (string Name, SwapTrainingRecipe Recipe)[] Candidates =
    [
        ("cpu-demo", SwapTrainingRecipe.CpuDemo),
        ("cpu-demo lr 5e-4", SwapTrainingRecipe.CpuDemo with { LearningRate = 5e-4 }),
        ("cpu-demo batch 8", SwapTrainingRecipe.CpuDemo with { BatchSize = 8 }),
        ("LIAEF128 cpu-demo", SwapTrainingRecipe.CpuDemo with { Model = "LIAEF128" }),
    ];

    public string Name => "demo-presets";

    /// <summary>The suite's run: the demo's recipe against a higher learning rate (the others on request: each costs about half an hour).</summary>
    public string[] SuiteArguments => ["5,10,15", "cpu-demo", "cpu-demo lr 5e-4"];

    public string Description => "ID retrieval, pose/expression error, SSIM and sharpness of the demo swap after 5, 10 and 15 minutes per candidate training recipe";

    public async Task RunAsync(string[] args, TextWriter report, CancellationToken ct)
    {
        var budgets = (args.Length > 0 ? args[0] : "5,10,15").Split(',').Select(m => double.Parse(m, CultureInfo.InvariantCulture)).Order().ToList();
        var chosen = args.Length > 1 ? Candidates.Where(c => args.Skip(1).Contains(c.Name, StringComparer.OrdinalIgnoreCase)).ToList() : [.. Candidates];
        var scratch = BenchPaths.Scratch("demo-presets");
        try
        {
            var basic = new SwapWorkflowOptions
            {
                Workspace = Path.Combine(scratch, "base"),
                SourceVideo = AssetStore.Default.Require(AssetCatalog.DemoSourceVideo),
                DestinationVideo = AssetStore.Default.Require(AssetCatalog.DemoDestinationVideo),
            };
            var quiet = new QuietWorkflowReporter("demo-presets");
            var cpu = new ProcessCpuClock();
            await SwapWorkflow.PrepareAsync(basic, quiet, ct);

            report.WriteLine($"budgets {string.Join(", ", budgets)} min of training (CPU time / cores); seed 1; {Environment.ProcessorCount} cores; load average before: {MachineDescription.LoadAverage()}\n");
            report.WriteLine($"| recipe | minutes | iterations | {WorkflowBenchParts.EvaluationHeader} |");
            report.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
            foreach (var (name, recipe) in chosen)
            {
                var workspace = Path.Combine(scratch, name.Replace(' ', '-'));
                WorkflowBenchParts.CopyTree(basic.Workspace, workspace);
                foreach (var minutes in budgets)
                {
                    var run = await SwapWorkflow.RunAsync(basic with { Workspace = workspace, Training = recipe with { Minutes = minutes }, TrainingClock = cpu }, quiet, ct);
                    report.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {minutes:0.#} | {run.Iteration} | {WorkflowBenchParts.EvaluationCells(run.Evaluation)} |"));
                }
            }
            report.WriteLine($"\nload average after: {MachineDescription.LoadAverage()}");
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }
}
