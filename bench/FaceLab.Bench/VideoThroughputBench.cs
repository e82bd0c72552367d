using System.Diagnostics;
using FaceLab.Assets;
using FaceLab.Media;

namespace FaceLab.Bench;

/// <summary>
/// Frames per second of <c>video extract</c> and <c>video assemble</c> on the demo dst video
/// (400x300) and a LivePortrait clip of ../shared/data/videos (480x480). Extraction decodes the
/// whole clip with ffmpeg and writes numbered frames as PNG (lossless RGB) and as JPEG (ffmpeg's
/// quality 2, 4:4:4). Assembly decodes those PNG frames with OpenCV in C# and pipes them raw to
/// ffmpeg: libx264 preset medium, crf 16, yuv420p, or with <c>--lossless</c> libx264rgb at qp 0,
/// taking the reference clip's audio when it has one. A cell is frames over the wall time of the
/// whole call (ffmpeg's start-up included; ffmpeg and the C# process share the cores), median of
/// N runs, each writing into a fresh temporary folder. Argument: [N=3] runs per cell.
/// </summary>
public sealed class VideoThroughputBench : IBenchmark
{
    public string Name => "video";

    public string Description => "frames/s of video extract and assemble at 400x300 and 480x480";

    public string[] SuiteArguments => ["3"];

    public async Task RunAsync(string[] args, TextWriter report, CancellationToken ct)
    {
        var runs = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 3;
        var clips = new (string Label, string Path)[]
        {
            ("400x300 (demo dst, 765 frames)", AssetStore.Default.Require(AssetCatalog.DemoDestinationVideo)),
            ("480x480 (LivePortrait d18, 216 frames)", Path.Combine(BenchPaths.SharedData, "videos", "liveportrait_d18_man_480x480_30fps_7s.mp4")),
        };
        report.WriteLine($"median of {runs} runs; each run writes to a fresh temp folder\n");
        report.WriteLine("| clip | extract png | extract jpg | assemble mp4 (crf 16) | assemble mp4 lossless |");
        report.WriteLine("|---|---|---|---|---|");
        foreach (var (label, path) in clips)
        {
            var scratch = BenchPaths.Scratch("video");
            try
            {
                var png = await MedianFps(runs, i => FrameExtractor.ExtractAsync(path, Path.Combine(scratch, $"png{i}"), new FrameExtractionOptions(), null, ct).ContinueWith(t => t.Result.FrameCount, ct));
                var jpg = await MedianFps(runs, i => FrameExtractor.ExtractAsync(path, Path.Combine(scratch, $"jpg{i}"), new FrameExtractionOptions { Format = FrameImageFormat.Jpg }, null, ct).ContinueWith(t => t.Result.FrameCount, ct));
                var frames = Path.Combine(scratch, "png0");
                var mp4 = await MedianFps(runs, i => VideoAssembler.AssembleAsync(frames, Path.Combine(scratch, $"a{i}.mp4"), new VideoAssemblyOptions { Reference = path }, null, ct).ContinueWith(t => t.Result.FrameCount, ct));
                var lossless = await MedianFps(runs, i => VideoAssembler.AssembleAsync(frames, Path.Combine(scratch, $"l{i}.mp4"), new VideoAssemblyOptions { Reference = path, Lossless = true }, null, ct).ContinueWith(t => t.Result.FrameCount, ct));
                report.WriteLine($"| {label} | {png:0} | {jpg:0} | {mp4:0} | {lossless:0} |");
            }
            finally
            {
                Directory.Delete(scratch, recursive: true);
            }
        }
    }

    private static async Task<double> MedianFps(int runs, Func<int, Task<int>> run)
    {
        var rates = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            var sw = Stopwatch.StartNew();
            var frames = await run(i);
            rates.Add(frames / sw.Elapsed.TotalSeconds);
        }
        rates.Sort();
        return rates[rates.Count / 2];
    }
}
