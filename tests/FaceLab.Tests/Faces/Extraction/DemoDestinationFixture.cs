using FaceLab.Faces.Extraction;
using FaceLab.Media;
using FaceLab.Tests.Support;

namespace FaceLab.Tests.Faces.Extraction;

/// <summary>
/// All 765 frames of the demo dst video extracted once, and the default face extraction
/// (UltraFace + dlib, full face, 256 px) run over them once, shared by the tests of a class.
/// </summary>
public sealed class DemoDestinationFixture : IDisposable
{
    private readonly TempFolder _folder = new();

    public DemoDestinationFixture()
    {
        Frames = _folder.Combine("data_dst");
        FrameExtractor.ExtractAsync(TestPaths.DemoDestinationVideo, Frames, new FrameExtractionOptions()).GetAwaiter().GetResult();
        Aligned = Path.Combine(Frames, "aligned");
        Report = FaceExtraction.RunAsync(Frames, Aligned, DefaultTools(), new FaceExtractionOptions()).GetAwaiter().GetResult();
    }

    public string Frames { get; }

    public string Aligned { get; }

    public FaceExtractionReport Report { get; }

    public string[] FaceFiles => Directory.GetFiles(Aligned, "*.jpg").Order(StringComparer.Ordinal).ToArray();

    public static FaceExtractionTools DefaultTools() => FaceExtractionTools.Default;

    public void Dispose() => _folder.Dispose();
}
