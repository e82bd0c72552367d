using System.Diagnostics;
using System.Globalization;
using FaceLab.Assets;
using FaceLab.FaceSets;
using FaceLab.Faces.Extraction;
using FaceLab.Farm;
using FaceLab.Media;
using FaceLab.Training.Models;
using FaceLab.Training.Sessions;
using FaceLab.Workspace;

namespace FaceLab.Bench;

/// <summary>
/// What a merge shard costs besides its frames, to choose a shard size, and what two Slurm array
/// tasks gain over one process on this machine. A workspace of the first F demo dst frames (default
/// 200) with their faces (128 px) and a tiny DF model trained 4 iterations on demo src faces. For
/// each shard size S (default 10, 25, 50, 100) the merge is planned in shards of S frames and shard
/// 0 runs as its own process (<c>./facelab merge --shard 0/N --workers 1</c>, launcher build
/// excluded, outputs removed before each run): its wall time T(S). A least-squares line T = a + b·S
/// splits the fixed cost per shard a (process start, reading every dst face's metadata, loading the
/// model, checking the plan's inputs) from the cost per frame b; the table gives a's share of each
/// shard's time. Then the speed-up: all F frames merged by one process with 2 worker threads
/// against <c>farm submit merge --shards 2 --cpus-per-task 1</c> on a one-node Slurm started by
/// <c>scripts/slurm-node.sh</c> (wall time from the submission to both markers; the finishing
/// job's video assembly excluded). Wall times on a shared machine include the neighbours' load,
/// printed beside them. Arguments: [frames] [sizes, comma-separated].
/// </summary>
public sealed class ShardOverheadBench : IBenchmark
{
    public string Name => "shard-overhead";

    public string Description => "merge shard fixed cost against frames per shard, and 2 Slurm array tasks against 1 process";

    public string[] SuiteArguments => ["200", "10,25,50,100"];

    public async Task RunAsync(string[] args, TextWriter report, CancellationToken ct)
    {
        var frames = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 200;
        var sizes = args.Length > 1 ? args[1].Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray() : [10, 25, 50, 100];
        var root = BenchPaths.Scratch("shard-overhead");
        try
        {
            var layout = await WorkspaceAsync(root, frames, ct);
            Run(Launcher, "--help"); // builds the CLI once, outside the timings
            var paths = new FarmPaths(layout, FarmStage.Merge);
            report.WriteLine($"{frames} frames of the demo dst (360x288), one face each; tiny DF model; load average at the start: {MachineDescription.LoadAverage()}");
            report.WriteLine();
            report.WriteLine("| frames per shard | shard wall time | per frame | fixed cost share |");
            report.WriteLine("|---:|---:|---:|---:|");
            var times = new List<(int Size, double Seconds)>();
            foreach (var size in sizes.Where(s => s <= frames))
            {
                ct.ThrowIfCancellationRequested();
                var manifest = FarmJob.PlanMerge(paths, shards: null, shardSize: size, modelName: null);
                FarmJob.Save(paths, manifest);
                Clear(layout);
                var clock = Stopwatch.StartNew();
                Run(Launcher, "--workspace", root, "merge", "--shard", $"0/{manifest.ShardCount}", "--workers", "1");
                times.Add((manifest.RangeOf(manifest.Shard(0)).Last!.Value, clock.Elapsed.TotalSeconds));
            }
            var (fixedCost, perFrame) = Line(times);
            foreach (var (size, seconds) in times)
                report.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {size} | {seconds:0.0} s | {seconds / size * 1000:0} ms | {Math.Clamp(fixedCost / seconds, 0, 1):P0} |"));
            report.WriteLine();
            report.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Least-squares fit: fixed cost per shard **{fixedCost:0.0} s**, **{perFrame * 1000:0} ms per frame** on one core; a shard of S frames spends fixed/(fixed + S·per frame) on start-up."));
            report.WriteLine();
            await SpeedUpAsync(report, layout, paths, frames, ct);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static async Task SpeedUpAsync(TextWriter report, WorkspaceLayout layout, FarmPaths paths, int frames, CancellationToken ct)
    {
        FarmJob.Save(paths, FarmJob.PlanMerge(paths, shards: 2, shardSize: null, modelName: null));
        Clear(layout);
        var clock = Stopwatch.StartNew();
        Run(Launcher, "--workspace", layout.Root, "merge", "--workers", "2");
        var single = clock.Elapsed.TotalSeconds;

        var node = Path.Combine(BenchPaths.RepositoryRoot, "scripts", "slurm-node.sh");
        Run(node, "start");
        try
        {
            Clear(layout);
            clock.Restart();
            Run(Launcher, "--workspace", layout.Root, "farm", "submit", "merge", "--shards", "2", "--cpus-per-task", "1");
            var manifest = FarmJob.Load(paths);
            while (FarmJob.UnfinishedShards(paths, manifest).Count > 0)
            {
                if (clock.Elapsed > TimeSpan.FromHours(1)) throw new TimeoutException("the 2 shards did not finish in an hour");
                await Task.Delay(200, ct);
            }
            var array = clock.Elapsed.TotalSeconds;
            report.WriteLine("| run | wall time | frames/s |");
            report.WriteLine("|---|---:|---:|");
            report.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| 1 process, 2 worker threads | {single:0.0} s | {frames / single:0.0} |"));
            report.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| 2 Slurm array tasks, 1 core each | {array:0.0} s | {frames / array:0.0} |"));
            report.WriteLine();
            report.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Speed-up of 2 array tasks over 1 process: **{single / array:0.00}×** (load average after: {MachineDescription.LoadAverage()})."));
        }
        finally
        {
            Run("scancel", "--user=root");
            Run(node, "stop");
        }
    }

    private static string Launcher => Path.Combine(BenchPaths.RepositoryRoot, "facelab");

    /// <summary>The bench workspace: frames, faces and a trained tiny model.</summary>
    private static async Task<WorkspaceLayout> WorkspaceAsync(string root, int frames, CancellationToken ct)
    {
        var layout = WorkspaceLayout.At(root);
        await FrameExtractor.ExtractAsync(AssetStore.Default.Require(AssetCatalog.DemoDestinationVideo), layout.DestinationFrames, new FrameExtractionOptions(), null, ct);
        foreach (var extra in FrameSequence.In(layout.DestinationFrames).Files.Skip(frames)) File.Delete(extra);
        await FaceExtraction.RunAsync(layout.DestinationFrames, layout.DestinationAligned, FaceExtractionTools.Default, new FaceExtractionOptions { Size = 128 }, ct: ct);
        var src = await BenchFaces.ExtractAsync(AssetStore.Default.Require(AssetCatalog.DemoSourceVideo), Path.Combine(root, "src"), 0.1, ct);
        var df = ModelRegistry.Get("DF");
        using var session = TrainingSession.Open(layout.Models, df, "bench", df.Preset(ModelPresets.Tiny), FolderFaceSet.Open(src),
            FolderFaceSet.Open(layout.DestinationAligned), new TrainingSessionOptions { BatchSize = 4, TargetIteration = 4, Backups = 0 });
        session.Run(TextWriter.Null, ct);
        return layout;
    }

    /// <summary>No merged frame, mask or shard journal left: every run merges its frames.</summary>
    private static void Clear(WorkspaceLayout layout)
    {
        foreach (var folder in new[] { layout.Merged, layout.MergedMask })
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
    }

    /// <summary>Intercept and slope of the least-squares line through the points.</summary>
    private static (double Intercept, double Slope) Line(IReadOnlyList<(int X, double Y)> points)
    {
        if (points.Count < 2) return (double.NaN, points.Count == 1 ? points[0].Y / points[0].X : double.NaN);
        var mx = points.Average(p => p.X);
        var my = points.Average(p => p.Y);
        var slope = points.Sum(p => (p.X - mx) * (p.Y - my)) / points.Sum(p => (p.X - mx) * (p.X - mx));
        return (my - slope * mx, slope);
    }

    private static void Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{Path.GetFileName(program)} {string.Join(' ', arguments)}: exit {process.ExitCode}: {error.Trim()} {output.Result.Trim()}");
    }
}
