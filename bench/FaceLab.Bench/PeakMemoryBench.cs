using System.Diagnostics;
using System.Globalization;
using FaceLab.Assets;

namespace FaceLab.Bench;

/// <summary>
/// Peak memory of the long commands as a user runs them: the Release CLI in its own process under
/// <c>/usr/bin/time</c>, wall seconds and maximum resident set of the <c>facelab</c> process or its
/// largest child (ffmpeg), whichever is larger. Inputs are made in a temporary folder and deleted:
/// the demo dst scaled to 1920x1080 and looped to 10 minutes; <c>video extract --fps 5 --format jpg</c>
/// of it (3,000 frames of 1080p, not all 15,000); <c>faces extract</c> (default detector and
/// landmarker, 2 workers) on its first 150, 600 and 1,500 frames and on all 3,000; <c>faces sort --by blur</c> of those
/// faces copied under distinct names into 5,000 and 20,000; <c>train</c> of DF with tiny widths at
/// 128 px, batch 32, 150 iterations, on 3,000 src and 3,000 dst faces, with <c>--crop-cache-mb 64</c>
/// and with the cache unbounded. Each large run is beside a smaller one of the same kind, so memory
/// that grows with the input shows. Arguments: the CLI to measure (default: the Release build),
/// then the parts to run: extract, sort, train (default: all).
/// </summary>
public sealed class PeakMemoryBench : IBenchmark
{
    public string Name => "memory";

    public string Description => "peak memory (max RSS) of faces extract (10 min 1080p), faces sort (20,000 faces) and train (crop cache bounded vs unbounded)";

    /// <summary>The CLI measured: the first argument, or the repository's Release build.</summary>
    private string Cli { get; set; } = Path.Combine(BenchPaths.RepositoryRoot, "src", "FaceLab.Cli", "bin", "Release", "net10.0", "FaceLab.Cli.dll");

    /// <summary>Arguments: the CLI to measure (default: the Release build), then the parts to run: extract, sort, train (default: all).</summary>
    public async Task RunAsync(string[] args, TextWriter report, CancellationToken ct)
    {
        if (args.Length > 0) Cli = Path.GetFullPath(args[0]);
        var parts = args.Length > 1 ? args[1..] : ["extract", "sort", "train"];
        if (!File.Exists(Cli)) throw new InvalidOperationException($"build the CLI first (dotnet build -c Release): {Cli} is missing");
        var scratch = BenchPaths.Scratch("memory");
        try
        {
            report.WriteLine("| run | input | wall s | peak RSS MB |");
            report.WriteLine("|---|---|---:|---:|");
            void Row(string run, string input, Measured m) =>
                report.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {run} | {input} | {m.Seconds:0} | {m.PeakKilobytes / 1024.0:0} |"));

            // (a) A 10-minute 1080p video of real faces: the demo dst scaled to 1920x1080 and looped. Its faces feed (b) and (c).
            string[] faces;
            if (parts.Contains("extract"))
            {
                var video = Path.Combine(scratch, "dst_1080p_10min.mp4");
                Tool("ffmpeg", "-v", "error", "-stream_loop", "-1", "-i", AssetStore.Default.Require(AssetCatalog.DemoDestinationVideo), "-t", "600",
                    "-vf", "scale=1920:1080", "-c:v", "libx264", "-preset", "ultrafast", "-crf", "23", "-an", video);
                var frames = Path.Combine(scratch, "frames");
                Row("video extract --fps 5 --format jpg", "10 min 1080p", Measure(scratch, "video", "extract", video, "--fps", "5", "--format", "jpg", "--out", frames));
                var all = Directory.GetFiles(frames, "*.jpg").Order(StringComparer.Ordinal).ToArray();
                foreach (var count in new[] { 150, 600, 1_500 })
                {
                    var first = Path.Combine(scratch, $"frames-{count}");
                    Directory.CreateDirectory(first);
                    foreach (var frame in all.Take(count)) File.Copy(frame, Path.Combine(first, Path.GetFileName(frame)));
                    Row("faces extract", string.Create(CultureInfo.InvariantCulture, $"first {count:N0} frames 1080p"), Measure(scratch, "faces", "extract", first));
                    Directory.Delete(first, recursive: true);
                }
                Row("faces extract", string.Create(CultureInfo.InvariantCulture, $"all {all.Length:N0} frames 1080p (10 min at 5 fps)"), Measure(scratch, "faces", "extract", frames));
                faces = Directory.GetFiles(Path.Combine(frames, "aligned"), "*.jpg").Order(StringComparer.Ordinal).ToArray();
            }
            else
            {
                // Without (a), the faces of the demo dst at one frame a second.
                var frames = Path.Combine(scratch, "frames");
                Measure(scratch, "video", "extract", AssetStore.Default.Require(AssetCatalog.DemoDestinationVideo), "--fps", "1", "--out", frames);
                Measure(scratch, "faces", "extract", frames);
                faces = Directory.GetFiles(Path.Combine(frames, "aligned"), "*.jpg").Order(StringComparer.Ordinal).ToArray();
            }

            // (b) Sorting: the extracted faces copied under distinct names.
            foreach (var count in parts.Contains("sort") ? new[] { 5_000, 20_000 } : [])
            {
                var folder = Replicate(faces, Path.Combine(scratch, $"sort-{count}"), count);
                Row("faces sort --by blur", $"{count:N0} faces of 256 px", Measure(scratch, "faces", "sort", folder, "--by", "blur"));
                Directory.Delete(folder, recursive: true);
                if (Directory.Exists(folder + "_trash")) Directory.Delete(folder + "_trash", recursive: true);
            }

            // (c) Training on 3,000 + 3,000 faces (128 px crops, 56 KB each: 0.34 GB for all), with the cache bounded and unbounded.
            if (parts.Contains("train"))
            {
                var src = Replicate(faces, Path.Combine(scratch, "train-src"), 3_000);
                var dst = Replicate(faces, Path.Combine(scratch, "train-dst"), 3_000);
                foreach (var (label, megabytes) in new[] { ("bounded to 64 MB", "64"), ("unbounded", "1000000") })
                {
                    var workspace = Path.Combine(scratch, "train-" + megabytes);
                    Directory.CreateDirectory(workspace);
                    var measured = Measure(scratch, "train", "--model", "DF", "--preset", "tiny", "--resolution", "128", "--batch", "32", "--target-iter", "150",
                        "--backups", "0", "--src", src, "--dst", dst, "--workspace", workspace, "--crop-cache-mb", megabytes);
                    Row($"train DF tiny 128 px, batch 32, 150 iterations, crop cache {label}", "3,000 src + 3,000 dst faces", measured);
                    report.WriteLine($"<!-- {measured.Output.Split('\n').FirstOrDefault(l => l.Contains("crop cache", StringComparison.Ordinal))?.Trim()} -->");
                }
            }
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
        await Task.CompletedTask;
    }

    private sealed record Measured(double Seconds, long PeakKilobytes, string Output);

    /// <summary>Runs <c>facelab ARGS</c> under <c>/usr/bin/time</c>: wall seconds and the peak RSS of the process or of its largest child.</summary>
    private Measured Measure(string workingDirectory, params string[] args)
    {
        var timeFile = Path.Combine(workingDirectory, "time.txt");
        var output = Tool("/usr/bin/time", ["-f", "%e %M", "-o", timeFile, "dotnet", Cli, .. args]);
        var fields = File.ReadAllText(timeFile).Trim().Split('\n')[^1].Split(' ');
        return new Measured(double.Parse(fields[0], CultureInfo.InvariantCulture), long.Parse(fields[1], CultureInfo.InvariantCulture), output);
    }

    /// <summary>Copies <paramref name="faces"/> round and round into <paramref name="folder"/> until it holds <paramref name="count"/>, each under its own name.</summary>
    private static string Replicate(string[] faces, string folder, int count)
    {
        Directory.CreateDirectory(folder);
        for (var i = 0; i < count; i++)
            File.Copy(faces[i % faces.Length], Path.Combine(folder, $"f{i:D6}.jpg"));
        return folder;
    }

    private static string Tool(string tool, params string[] args)
    {
        var psi = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["CI"] = "true";
        using var process = Process.Start(psi)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{tool} {string.Join(' ', args)} failed ({process.ExitCode}): {stderr.Result}");
        return stdout;
    }
}
