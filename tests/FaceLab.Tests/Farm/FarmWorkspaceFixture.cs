using FaceLab.FaceSets;
using FaceLab.Faces.Extraction;
using FaceLab.Media;
using FaceLab.Tests.Faces.Extraction;
using FaceLab.Tests.Support;
using FaceLab.Tests.Training;
using FaceLab.Tests.Training.Sessions;
using FaceLab.Training.Models;
using FaceLab.Training.Sessions;

namespace FaceLab.Tests.Farm;

/// <summary>
/// A 200-frame dst clip of the demo with a real audio track muxed in (the demo dst has none), its
/// frames, its faces extracted by one process (the reference the sharded extraction must equal),
/// and a tiny DF model trained for a few iterations on the demo src faces and these dst faces.
/// </summary>
public sealed class FarmWorkspaceFixture : IDisposable
{
    public const int FrameCount = 200;

    private readonly TempFolder _temp = new();

    public FarmWorkspaceFixture()
    {
        Root = _temp.Combine("merge-workspace");
        Directory.CreateDirectory(Root);
        Video = Path.Combine(Root, "data_dst.mp4");
        MediaOracle.Run("ffmpeg", "-v", "error", "-i", TestPaths.DemoDestinationVideo, "-i", TestPaths.VideoWithAudio,
            "-frames:v", $"{FrameCount}", "-map", "0:v", "-map", "1:a", "-c:v", "libx264", "-pix_fmt", "yuv420p", "-c:a", "aac", Video);
        FrameExtractor.ExtractAsync(Video, Frames, new FrameExtractionOptions()).GetAwaiter().GetResult();
        FaceExtraction.RunAsync(Frames, Aligned, DemoDestinationFixture.DefaultTools(), new FaceExtractionOptions { Size = FaceSize, Workers = 2 }).GetAwaiter().GetResult();
        using var sources = new DemoFaceSetsFixture();
        var df = ModelRegistry.Get("DF");
        using var session = TrainingSession.Open(Path.Combine(Root, "model"), df, "farm", df.Preset(ModelPresets.Tiny),
            sources.SourceSet, FolderFaceSet.Open(Aligned), TinyModels.ShortRun(4, seed: 7));
        session.Run(TextWriter.Null, CancellationToken.None);
        Model = session.Folder;
    }

    /// <summary>The face size every extraction here uses (small: quick).</summary>
    public const int FaceSize = 128;

    /// <summary>The workspace the merge runs in.</summary>
    public string Root { get; }

    public string Video { get; }

    public string Frames => Path.Combine(Root, "data_dst");

    public string Aligned => Path.Combine(Frames, "aligned");

    public string Model { get; }

    /// <summary>A second workspace with the first <paramref name="frames"/> dst frames and no faces, for a farmed extraction.</summary>
    public string NewExtractionWorkspace(int frames)
    {
        var root = _temp.Combine("extract-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(Path.Combine(root, "data_dst"));
        foreach (var frame in FrameSequence.In(Frames).Files.Take(frames)) File.Copy(frame, Path.Combine(root, "data_dst", Path.GetFileName(frame)));
        return root;
    }

    /// <summary>The name → hash of the one-process extraction's faces of the first <paramref name="frames"/> frames.</summary>
    public SortedDictionary<string, string> ReferenceFaces(int frames)
    {
        var stems = FrameSequence.In(Frames).Files.Take(frames).Select(Path.GetFileNameWithoutExtension).ToHashSet(StringComparer.Ordinal);
        return new(FileHashes.Of(Aligned).Where(f => stems.Contains(f.Key[..f.Key.LastIndexOf('_')])).ToDictionary(), StringComparer.Ordinal);
    }

    public void Dispose() => _temp.Dispose();
}
