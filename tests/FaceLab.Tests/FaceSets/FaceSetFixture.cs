using System.IO.Hashing;
using FaceLab.Faces.Extraction;
using FaceLab.Media;
using FaceLab.Tests.Faces.Extraction;
using FaceLab.Tests.Support;
using OpenCvSharp;

namespace FaceLab.Tests.FaceSets;

/// <summary>
/// Real faces extracted once for all face-set tests: the demo dst man at 2 fps (≈ 60 faces), the
/// demo src man (franck) at 0.35 fps (60 frames, names prefixed <c>s</c>), and a few frames made
/// of a dst and a src frame side by side (names prefixed <c>m</c>), which give two faces each.
/// </summary>
public sealed class FaceSetFixture : IDisposable
{
    private const int SourceFrames = 60;
    private const int CompositeFrames = 4;

    private readonly TempFolder _folder = new();

    public FaceSetFixture()
    {
        var dstFrames = _folder.Combine("dst");
        FrameExtractor.ExtractAsync(TestPaths.DemoDestinationVideo, dstFrames, new FrameExtractionOptions { Fps = 2 }).GetAwaiter().GetResult();
        var srcAll = _folder.Combine("src-all");
        FrameExtractor.ExtractAsync(TestPaths.DemoSourceVideo, srcAll, new FrameExtractionOptions { Fps = 0.35 }).GetAwaiter().GetResult();
        var srcFrames = _folder.Combine("src");
        Directory.CreateDirectory(srcFrames);
        foreach (var f in Directory.GetFiles(srcAll).Order(StringComparer.Ordinal).Take(SourceFrames))
            File.Move(f, Path.Combine(srcFrames, "s" + Path.GetFileName(f)));

        var multiFrames = _folder.Combine("multi");
        Directory.CreateDirectory(multiFrames);
        var dstList = Directory.GetFiles(dstFrames, "*.png").Order(StringComparer.Ordinal).ToArray();
        var srcList = Directory.GetFiles(srcFrames, "*.png").Order(StringComparer.Ordinal).ToArray();
        for (var k = 0; k < CompositeFrames; k++)
        {
            using var a = Cv2.ImRead(dstList[k * 7]);
            using var b = Cv2.ImRead(srcList[k * 7 + 3]);
            using var bScaled = b.Resize(new Size(b.Width * a.Height / b.Height, a.Height));
            using var both = new Mat();
            Cv2.HConcat([a, bScaled], both);
            Cv2.ImWrite(Path.Combine(multiFrames, $"m{k:D5}.png"), both);
        }

        var tools = DemoDestinationFixture.DefaultTools();
        Destination = Extract(dstFrames, tools);
        Source = Extract(srcFrames, tools);
        Multi = Extract(multiFrames, tools);
    }

    /// <summary>Aligned faces of the dst man.</summary>
    public string Destination { get; }

    /// <summary>Aligned faces of the src man.</summary>
    public string Source { get; }

    /// <summary>Aligned faces of the side-by-side frames.</summary>
    public string Multi { get; }

    public static string[] Faces(string folder) => Directory.GetFiles(folder, "*.jpg").Order(StringComparer.Ordinal).ToArray();

    /// <summary>Copies the faces of the given folders into <paramref name="target"/> (created); returns the copies.</summary>
    public static string[] CopyFaces(string target, params string[] folders)
    {
        Directory.CreateDirectory(target);
        var copies = new List<string>();
        foreach (var folder in folders)
            foreach (var f in Faces(folder))
            {
                var to = Path.Combine(target, Path.GetFileName(f));
                File.Copy(f, to);
                copies.Add(to);
            }
        return [.. copies];
    }

    public static string Hash(string file) => XxHash128.HashToUInt128(File.ReadAllBytes(file)).ToString("x32");

    /// <summary>Content hashes of all faces (jpg/png) in a folder, in name order.</summary>
    public static List<string> HashesInOrder(string folder) =>
        Directory.Exists(folder)
            ? Directory.GetFiles(folder).Where(f => !Path.GetFileName(f).StartsWith('.') && (f.EndsWith(".jpg") || f.EndsWith(".png")))
                .Order(StringComparer.Ordinal).Select(Hash).ToList()
            : [];

    private static string Extract(string frames, FaceExtractionTools tools)
    {
        var aligned = Path.Combine(frames, "aligned");
        FaceExtraction.RunAsync(frames, aligned, tools, new FaceExtractionOptions()).GetAwaiter().GetResult();
        return aligned;
    }

    public void Dispose() => _folder.Dispose();
}

[CollectionDefinition(Name)]
public sealed class FaceSetCollection : ICollectionFixture<FaceSetFixture>
{
    public const string Name = "face sets";
}
