using FaceLab.Common;
using FaceLab.Imaging;
using FaceLab.Provenance;
using FaceLab.Tests.Support;
using FaceLab.Training.Models;
using FaceLab.Workflow;

namespace FaceLab.Tests.Workflow;

/// <summary>
/// The whole workflow on two real 2-second clips with a tiny model: every output is there and
/// right (frame count, audio, the mark on the video and the picture), and a rerun resumes
/// instead of repeating: the src sort does not trash again and the spent training budget is kept.
/// </summary>
public sealed class SwapWorkflowTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly string _src;
    private readonly string _dst;

    public SwapWorkflowTests()
    {
        _src = _folder.Combine("src clip.mp4");
        _dst = _folder.Combine("dst.mp4");
        MediaOracle.Run("ffmpeg", "-v", "error", "-i", TestPaths.SharedVideo("liveportrait_d19_man-glasses_480x480_30fps_8s.mp4"), "-t", "2", "-an", "-c:v", "libx264", "-crf", "18", _src);
        MediaOracle.Run("ffmpeg", "-v", "error", "-i", TestPaths.VideoWithAudio, "-t", "2", "-c:v", "libx264", "-crf", "18", "-c:a", "aac", _dst);
    }

    private SwapWorkflowOptions Options(string workspace) => new()
    {
        Workspace = workspace,
        SourceVideo = _src,
        DestinationVideo = _dst,
        SourceFrameBudget = 10,
        Training = SwapTrainingRecipe.CpuDemo with { Preset = ModelPresets.Tiny, BatchSize = 4, Minutes = 0.1 },
    };

    [Fact]
    public async Task RunsEveryStepAndResumesWithoutRepeatingThem()
    {
        var workspace = _folder.Combine("ws");
        var reporter = new CapturedReporter();
        var first = await SwapWorkflow.RunAsync(Options(workspace), reporter, CancellationToken.None);

        var dstFrames = MediaOracle.DecodedFrames(MediaOracle.Probe(_dst));
        Assert.Equal(dstFrames, first.Frames);
        Assert.Equal(dstFrames, MediaOracle.DecodedFrames(MediaOracle.Probe(first.ResultVideo)));
        Assert.True(MediaOracle.AudioSeconds(first.ResultVideo) > 1.5);
        Assert.NotNull(first.Mark);
        Assert.True(first.FacesReplaced >= dstFrames - 2, $"{first.FacesReplaced} faces replaced in {dstFrames} frames");
        Assert.True(first.Iteration > 0);
        Assert.Contains(reporter.Lines, l => l.Contains("expected duration about", StringComparison.Ordinal));

        var picture = File.ReadAllBytes(first.Comparison);
        Assert.NotNull(ProvenanceStamp.Read(picture, first.Comparison));
        using (var sheet = ImageDecoding.Decode(picture, first.Comparison))
        {
            Assert.Equal(2 * 480, sheet.Width); // the 480 px dst frames, original and swapped side by side
            Assert.True(sheet.Height > 3 * 480);
        }

        // Measured on every merged frame with a face (fewer than the 250 sampled) and saved beside the model.
        Assert.Equal(first.FacesReplaced, first.Evaluation.Faces);
        Assert.Equal(first.Evaluation.FramesAvailable, first.Evaluation.Frames);
        Assert.InRange(first.Evaluation.Identity.IdRetrieval, 0, 1);
        Assert.NotNull(first.Evaluation.Reconstruction);
        Assert.True(File.Exists(Path.Combine(first.ModelFolder, "evaluation.json")));

        // 10 src frames (2 s at 5 per second), 8 of their faces kept by the sort.
        var srcFaces = ImageFiles.In(Path.Combine(workspace, "data_src", "aligned")).Count;
        var trashed = ImageFiles.In(Path.Combine(workspace, "data_src", "aligned_trash")).Count;
        Assert.Equal(10, srcFaces + trashed);
        Assert.Equal(8, srcFaces);
        var state = WorkflowState.Load(workspace)!;
        Assert.Equal(8, state.SourceFacesKept);
        Assert.InRange(state.TrainedSeconds, 6, 60);

        var again = new CapturedReporter();
        var second = await SwapWorkflow.RunAsync(Options(workspace), again, CancellationToken.None);
        Assert.Equal(first.Iteration, second.Iteration);
        Assert.Equal(8, ImageFiles.In(Path.Combine(workspace, "data_src", "aligned")).Count);
        Assert.Contains(again.Lines, l => l.Contains("sorted before", StringComparison.Ordinal));

        // A sort stopped after its moves but before the state said so: run again, it keeps the same 8.
        (state with { SourceFacesKept = null }).Save(workspace);
        await SwapWorkflow.PrepareAsync(Options(workspace), new CapturedReporter(), CancellationToken.None);
        Assert.Equal(8, ImageFiles.In(Path.Combine(workspace, "data_src", "aligned")).Count);
        Assert.Equal(8, WorkflowState.Load(workspace)!.SourceFacesKept);
        Assert.Contains(again.Lines, l => l.Contains("budget of 0.1 minutes spent before", StringComparison.Ordinal));
        Assert.Equal(dstFrames, MediaOracle.DecodedFrames(MediaOracle.Probe(second.ResultVideo)));
    }

    [Fact]
    public async Task AWorkspaceHoldsOnePair()
    {
        var workspace = _folder.Combine("ws");
        new WorkflowState { SourceVideo = _dst, DestinationVideo = _src }.Save(Directory.CreateDirectory(workspace).FullName);
        var e = await Assert.ThrowsAsync<FaceLabException>(() => SwapWorkflow.RunAsync(Options(workspace), new CapturedReporter(), CancellationToken.None));
        Assert.Contains("holds the workflow of", e.Message, StringComparison.Ordinal);
        Assert.Contains("another workspace", e.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _folder.Dispose();

    private sealed class CapturedReporter : IWorkflowReporter
    {
        public List<string> Lines { get; } = [];

        public TextWriter TrainingLog { get; } = new StringWriter();

        public void Say(string line)
        {
            lock (Lines) Lines.Add(line);
        }

        public Task<T> TrackAsync<T>(Func<IProgress<OperationProgress>, Task<T>> work) => work(new Progress<OperationProgress>());
    }
}
