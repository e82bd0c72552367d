using FaceLab.Faces.Extraction;
using FaceLab.Media;
using FaceLab.Tests.Support;
using FaceLab.Workspace;

namespace FaceLab.Tests.Studio;

/// <summary>
/// A real workspace built once with the library from two short LivePortrait clips: the d18 man as
/// dst (4 frames a second, ≈ 28 faces) and the man with glasses as src (2 a second, ≈ 16 faces).
/// Tests that change faces work on their own copy (<see cref="CopyTo"/>).
/// </summary>
public sealed class StudioWorkspaceFixture : IDisposable
{
    private readonly TempFolder _folder = new();

    public StudioWorkspaceFixture()
    {
        var layout = WorkspaceLayout.At(_folder.Combine("workspace"));
        Build(layout.DestinationFrames, TestPaths.SharedVideo("liveportrait_d18_man_480x480_30fps_7s.mp4"), fps: 4);
        Build(layout.SourceFrames, TestPaths.SharedVideo("liveportrait_d19_man-glasses_480x480_30fps_8s.mp4"), fps: 2);
        Template = layout.Root;
    }

    /// <summary>The workspace as built; never changed by a test.</summary>
    public string Template { get; }

    /// <summary>A copy of the workspace in <paramref name="target"/> (created), for a test that changes it.</summary>
    public string CopyTo(string target)
    {
        foreach (var file in Directory.EnumerateFiles(Template, "*", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(target, Path.GetRelativePath(Template, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }
        return target;
    }

    private static void Build(string frames, string video, double fps)
    {
        FrameExtractor.ExtractAsync(video, frames, new FrameExtractionOptions { Fps = fps }).GetAwaiter().GetResult();
        FaceExtraction.RunAsync(frames, Path.Combine(frames, "aligned"), FaceExtractionTools.Default, new FaceExtractionOptions())
            .GetAwaiter().GetResult();
    }

    public void Dispose() => _folder.Dispose();
}

/// <summary>
/// The studio tests share one workspace and run alone, after the parallel tests (about a minute in
/// all): they wait bounded times for a browser, a preview or a Ctrl+C stop, which the other tests'
/// libtorch threads on the same two cores would stretch.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class StudioCollection : ICollectionFixture<StudioWorkspaceFixture>
{
    public const string Name = "studio workspace";
}
