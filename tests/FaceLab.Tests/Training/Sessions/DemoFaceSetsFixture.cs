using FaceLab.Faces.Extraction;
using FaceLab.Media;
using FaceLab.Tests.Faces.Extraction;
using FaceLab.Tests.Support;
using FaceLab.Training.Samples;
using FaceLab.FaceSets;

namespace FaceLab.Tests.Training.Sessions;

/// <summary>Small real face sets of the two demo identities (16 faces each), extracted once per test class.</summary>
public sealed class DemoFaceSetsFixture : IDisposable
{
    private readonly TempFolder _folder = new();

    public DemoFaceSetsFixture()
    {
        Source = Extract(TestPaths.DemoSourceVideo, "src", fps: 0.1);
        Destination = Extract(TestPaths.DemoDestinationVideo, "dst", fps: 0.5);
    }

    public string Source { get; }

    public string Destination { get; }

    public IFaceSet SourceSet => FolderFaceSet.Open(Source);

    public IFaceSet DestinationSet => FolderFaceSet.Open(Destination);

    public string NewModelsFolder() => Directory.CreateDirectory(_folder.Combine("models-" + Guid.NewGuid().ToString("N")[..8])).FullName;

    private string Extract(string video, string name, double fps)
    {
        var frames = _folder.Combine(name);
        FrameExtractor.ExtractAsync(video, frames, new FrameExtractionOptions { Fps = fps }).GetAwaiter().GetResult();
        foreach (var extra in FrameSequence.In(frames).Files.Skip(16)) File.Delete(extra);
        var aligned = Path.Combine(frames, "aligned");
        FaceExtraction.RunAsync(frames, aligned, DemoDestinationFixture.DefaultTools(), new FaceExtractionOptions { Size = 128 }).GetAwaiter().GetResult();
        return aligned;
    }

    public void Dispose() => _folder.Dispose();
}
