using System.Text.Json;
using FaceLab.Tests.Support;

namespace FaceLab.Tests.Workflow;

/// <summary>
/// Three different src/dst pairs of half-second clips cut from the demo videos and the shared test
/// videos (one dst with audio, two without), and batch manifests over them with a tiny training
/// (the tiny DF preset to iteration 3, however long that takes) and a 10-frame evaluation, so a pair takes seconds. Shared
/// by the local and the Slurm batch tests.
/// </summary>
public sealed class BatchPairsFixture : IDisposable
{
    public const long TargetIteration = 3;

    private readonly TempFolder _folder = new();

    public BatchPairsFixture()
    {
        Cut(TestPaths.DemoSourceVideo, "demo-src.mp4", audio: false);
        Cut(TestPaths.DemoDestinationVideo, "demo-dst.mp4", audio: false);
        Cut(TestPaths.SharedVideo("liveportrait_d19_man-glasses_480x480_30fps_8s.mp4"), "glasses.mp4", audio: false);
        Cut(TestPaths.VideoWithAudio, "man.mp4", audio: true);
        File.WriteAllBytes(_folder.Combine("broken.mp4"), []);
    }

    public string Folder => _folder.Path;

    /// <summary>The three pairs: name, src, dst (file names in <see cref="Folder"/>).</summary>
    public static IReadOnlyList<(string Name, string Src, string Dst)> Pairs { get; } =
    [
        ("demo", "demo-src.mp4", "demo-dst.mp4"),
        ("glasses-on-man", "glasses.mp4", "man.mp4"),
        ("man-on-glasses", "man.mp4", "glasses.mp4"),
    ];

    /// <summary>A pair whose src is a zero-byte file.</summary>
    public static (string Name, string Src, string Dst) Broken { get; } = ("broken-src", "broken.mp4", "man.mp4");

    /// <summary>Writes a manifest named <paramref name="name"/>.json over <paramref name="pairs"/> with its workspaces in a folder of the same name.</summary>
    public string WriteManifest(string name, IEnumerable<(string Name, string Src, string Dst)> pairs)
    {
        var manifest = new
        {
            workspaces = name,
            training = new { model = "DF", preset = "tiny", batch_size = 4, target_iter = TargetIteration }, // no minutes: the iteration does not depend on the machine's load
            src_frame_budget = 10,
            evaluation_frames = 10,
            pairs = pairs.Select(p => new { name = p.Name, src = p.Src, dst = p.Dst }),
        };
        var path = _folder.Combine(name + ".json");
        File.WriteAllText(path, JsonSerializer.Serialize(manifest));
        return path;
    }

    public bool HasAudio(string video) => MediaOracle.Streams(MediaOracle.Probe(_folder.Combine(video)), "audio").Any();

    public int Frames(string video) => MediaOracle.DecodedFrames(MediaOracle.Probe(_folder.Combine(video)));

    private void Cut(string from, string to, bool audio) =>
        MediaOracle.Run("ffmpeg", ["-v", "error", "-i", from, "-t", "0.5", .. audio ? new[] { "-c:a", "aac" } : ["-an"], "-c:v", "libx264", "-crf", "18", "-pix_fmt", "yuv420p", _folder.Combine(to)]);

    public void Dispose() => _folder.Dispose();
}
