using FaceLab.Faces.Alignment;
using FaceLab.Faces.Extraction;
using FaceLab.FaceSets;
using FaceLab.Imaging;
using FaceLab.Media;
using FaceLab.Merging;
using FaceLab.Tests.Support;
using FaceLab.Tests.Training;
using FaceLab.Training.Models;
using FaceLab.Training.Sessions;
using FaceLab.Workspace;
using OpenCvSharp;

namespace FaceLab.Tests.Evaluation;

/// <summary>
/// A workspace of the demo pair, small enough for seconds-long evaluations: the first second of the
/// dst video (25 frames, one face each) and 12 src faces spread over the src video, extracted at
/// 128 px; a tiny DF model trained for a few steps on them; and the "merged" frames of the known-answer cases.
/// </summary>
public sealed class EvaluationWorkspaceFixture : IDisposable
{
    private readonly TempFolder _temp = new();

    public EvaluationWorkspaceFixture()
    {
        Layout = new WorkspaceLayout(_temp.Path);
        var clip = _temp.Combine("data_dst.mp4");
        MediaOracle.Run("ffmpeg", "-v", "error", "-i", TestPaths.DemoDestinationVideo, "-t", "1", "-an", "-c:v", "libx264", "-pix_fmt", "yuv420p", clip);
        FrameExtractor.ExtractAsync(clip, Layout.DestinationFrames, new FrameExtractionOptions()).GetAwaiter().GetResult();
        FrameExtractor.ExtractAsync(TestPaths.DemoSourceVideo, Layout.SourceFrames, new FrameExtractionOptions { Fps = 0.06 }).GetAwaiter().GetResult();
        var options = new FaceExtractionOptions { Size = 128 };
        FaceExtraction.RunAsync(Layout.DestinationFrames, Layout.DestinationAligned, FaceExtractionTools.Default, options).GetAwaiter().GetResult();
        FaceExtraction.RunAsync(Layout.SourceFrames, Layout.SourceAligned, FaceExtractionTools.Default, options).GetAwaiter().GetResult();
        Frames = FrameSequence.In(Layout.DestinationFrames).Files;
    }

    public WorkspaceLayout Layout { get; }

    public IReadOnlyList<string> Frames { get; }

    /// <summary>The model folder of a tiny DF trained for 6 steps in the workspace, made on first use.</summary>
    public string Model
    {
        get
        {
            lock (_temp)
            {
                var folder = Path.Combine(Layout.Models, "eval_DF");
                if (File.Exists(Path.Combine(folder, ModelSpec.FileName))) return folder;
                var df = ModelRegistry.Get("DF");
                using var session = TrainingSession.Open(Layout.Models, df, "eval", df.Preset(ModelPresets.Tiny),
                    FolderFaceSet.Open(Layout.SourceAligned), FolderFaceSet.Open(Layout.DestinationAligned), TinyModels.ShortRun(6, seed: 3));
                session.Run(TextWriter.Null, CancellationToken.None);
                return session.Folder;
            }
        }
    }

    /// <summary>A folder of the dst frames changed by <paramref name="change"/> (frame, its faces → new frame), made once per name.</summary>
    internal string ChangedFrames(string name, Func<Mat, IReadOnlyList<FrameFace>, Mat> change)
    {
        lock (_temp)
        {
            var folder = _temp.Combine("cases", name);
            if (Directory.Exists(folder)) return folder;
            var building = folder + ".building";
            Directory.CreateDirectory(building);
            var faces = DestinationFaces.Read(Layout.DestinationAligned, [.. Frames.Select(f => Path.GetFileName(f))]);
            foreach (var frame in Frames)
            {
                using var image = ImageDecoding.Read(frame);
                using var changed = change(image, faces.Of(Path.GetFileName(frame)));
                Cv2.ImWrite(Path.Combine(building, Path.GetFileName(frame)), changed);
            }
            Directory.Move(building, folder);
            return folder;
        }
    }

    public void Dispose() => _temp.Dispose();
}
