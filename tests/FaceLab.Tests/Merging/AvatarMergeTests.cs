using FaceLab.Evaluation;
using FaceLab.Media;
using FaceLab.Merging;
using FaceLab.Provenance;
using FaceLab.Tests.Support;
using FaceLab.Tests.Training;
using FaceLab.Tests.Training.Sessions;
using FaceLab.Training.Inference;
using FaceLab.Training.Models;
using FaceLab.Training.Sessions;
using OpenCvSharp;

namespace FaceLab.Tests.Merging;

/// <summary>
/// AVATAR's merge paths on the demo dst clip (consecutive frames, so each face has real neighbours):
/// the head replacement composited into the frames and the puppet frames, both from a tiny AVATAR
/// trained briefly on the two demo people through the inference API; and <c>evaluate</c> on it.
/// </summary>
public sealed class AvatarMergeTests(MergeWorkspaceFixture workspace, DemoFaceSetsFixture faces)
    : IClassFixture<MergeWorkspaceFixture>, IClassFixture<DemoFaceSetsFixture>
{
    private const int Resolution = 128;
    private const string Range = "3-8";

    private string TrainedModelFolder()
    {
        lock (workspace)
        {
            var folder = Path.Combine(workspace.Models, "puppet_AVATAR");
            if (File.Exists(Path.Combine(folder, ModelSpec.FileName))) return folder;
            var avatar = ModelRegistry.Get("AVATAR");
            var options = avatar.Preset(ModelPresets.Tiny) with { Resolution = Resolution };
            using var session = TrainingSession.Open(workspace.Models, avatar, "puppet", options,
                faces.SourceSet, FaceLab.FaceSets.FolderFaceSet.Open(workspace.Aligned), TinyModels.ShortRun(2, seed: 4));
            session.Run(TextWriter.Null, CancellationToken.None);
            return session.Folder;
        }
    }

    private MergeRequest Request(string output, MergeOptions options) => new()
    {
        Frames = workspace.Frames,
        Aligned = workspace.Aligned,
        Output = Path.Combine(output, "merged"),
        MaskOutput = Path.Combine(output, "merged_mask"),
        Session = MergeSession.New(options),
        Range = FrameRange.Parse(Range),
        Workers = 2,
    };

    private static string[] RangeNames => [.. Enumerable.Range(3, 6).Select(i => $"{i:D5}.png")];

    [Fact]
    public async Task Head_replacement_changes_only_the_head_region_and_marks_every_frame()
    {
        using var model = TrainedModel.Open(TrainedModelFolder());
        Assert.Equal((64, 3, Resolution), (model.InputResolution, model.TemporalFrames, model.Resolution));
        using var output = new TempFolder();
        var report = await FrameMergeRun.RunAsync(new ModelFacePredictor(model), model.Identity,
            Request(output.Path, MergeOptions.Default with { OutputFormat = FrameImageFormat.Png }));

        Assert.Equal(6, report.Merged);
        Assert.Equal(6, report.FacesReplaced);
        Assert.Equal(RangeNames, Directory.GetFiles(output.Combine("merged"), "*.png").Select(f => Path.GetFileName(f)!).Order().ToArray());
        var changedInside = 0.0;
        foreach (var name in RangeNames)
        {
            using var original = Cv2.ImRead(Path.Combine(workspace.Frames, name));
            var mergedPath = output.Combine("merged", name);
            using var result = Cv2.ImRead(mergedPath);
            Assert.Equal(original.Size(), result.Size());
            using var mask = Cv2.ImRead(output.Combine("merged_mask", name), ImreadModes.Grayscale);
            using var grown = mask.Dilate(Cv2.GetStructuringElement(MorphShapes.Ellipse, new Size(5, 5)));
            using var outside = new Mat();
            Cv2.BitwiseNot(grown, outside);
            using var difference = new Mat();
            Cv2.Absdiff(original, result, difference);
            using var gray = difference.CvtColor(ColorConversionCodes.BGR2GRAY);
            Cv2.MinMaxLoc(gray, out _, out double maxOutside, out _, out _, outside);
            Assert.True(maxOutside <= 1, $"{name}: outside the head changed by {maxOutside}");
            changedInside += Cv2.Mean(difference, grown).Val0;
            // The head mask is larger than a full face's: it reaches above the brows.
            Assert.True(Cv2.CountNonZero(mask) > 0.02 * mask.Rows * mask.Cols, $"{name}: head mask covers {Cv2.CountNonZero(mask)} pixels");
            Assert.NotNull(ProvenanceStamp.Read(File.ReadAllBytes(mergedPath), mergedPath));
        }
        Assert.True(changedInside / RangeNames.Length > 5, "the heads were replaced");
    }

    [Fact]
    public async Task Puppet_frames_are_the_predicted_head_beside_the_driving_face_and_marked()
    {
        using var model = TrainedModel.Open(TrainedModelFolder());
        using var output = new TempFolder();
        var recorder = new NeighbourRecorder(new ModelFacePredictor(model));
        var report = await FrameMergeRun.RunAsync(recorder, model.Identity,
            Request(output.Path, MergeOptions.Default with { Mode = MergeMode.Puppet, OutputFormat = FrameImageFormat.Png }));

        Assert.Equal(6, report.Merged);
        foreach (var name in RangeNames)
        {
            var path = output.Combine("merged", name);
            using var frame = Cv2.ImRead(path);
            Assert.Equal(new Size(2 * Resolution, Resolution), frame.Size());
            using var mask = Cv2.ImRead(output.Combine("merged_mask", name), ImreadModes.Grayscale);
            Assert.Equal(new Size(2 * Resolution, Resolution), mask.Size());
            Assert.NotNull(ProvenanceStamp.Read(File.ReadAllBytes(path), path));
            // The right half is the dst head cut from the frame as the model saw it: not black, not the prediction.
            using var left = new Mat(frame, new Rect(0, 0, Resolution, Resolution));
            using var right = new Mat(frame, new Rect(Resolution, 0, Resolution, Resolution));
            Assert.True(Cv2.Mean(right).Val1 > 20, $"{name}: the driving face is shown");
            Assert.True(Cv2.Norm(left, right, NormTypes.L1) / (Resolution * Resolution * 3) > 5, $"{name}: prediction beside the driver");
        }
        // Every face went in with both neighbours cut from the frames before and after it (frames 2-9 exist, one face each).
        Assert.Equal(6, recorder.Faces);
        Assert.Equal(6, recorder.WithBothNeighbours);
        Assert.True(recorder.NeighboursDiffer > 0, "the neighbour faces come from other frames");
    }

    [Fact]
    public async Task Evaluate_measures_an_AVATAR_head_replacement_and_its_reconstructions()
    {
        var folder = TrainedModelFolder();
        using var output = new TempFolder();
        using (var model = TrainedModel.Open(folder))
        {
            var request = Request(output.Path, MergeOptions.Default with { OutputFormat = FrameImageFormat.Png }) with { Range = FrameRange.All };
            await FrameMergeRun.RunAsync(new ModelFacePredictor(model), model.Identity, request);
        }
        var report = await SwapEvaluation.RunAsync(new EvaluationRequest
        {
            MergedFrames = output.Combine("merged"),
            DestinationFrames = workspace.Frames,
            DestinationAligned = workspace.Aligned,
            SourceAligned = faces.Source,
            ModelFolder = folder,
            Options = new EvaluationOptions { ReconstructionFaces = 6 },
        });
        Assert.Equal(FrameSequence.In(workspace.Frames).Files.Count, report.Frames);
        Assert.True(report.Faces > 0);
        var reconstruction = Assert.IsType<ReconstructionFigures>(report.Reconstruction);
        Assert.Equal(6, reconstruction.Faces);
        Assert.InRange(reconstruction.Ssim, 0.01, 0.99);
        Assert.InRange(reconstruction.Psnr, 5, 40);
    }

    /// <summary>Passes faces on to the model and counts what the merger gave with them.</summary>
    private sealed class NeighbourRecorder(IFacePredictor inner) : IFacePredictor
    {
        private int _faces, _both, _differ;

        public int Faces => _faces;

        public int WithBothNeighbours => _both;

        public int NeighboursDiffer => _differ;

        public int Resolution => inner.Resolution;

        public FaceLab.Faces.Alignment.FaceType FaceType => inner.FaceType;

        public int TemporalFrames => inner.TemporalFrames;

        public IReadOnlyList<FacePrediction> Predict(IReadOnlyList<Mat> faces) => throw new InvalidOperationException("a temporal model gets its neighbours");

        public IReadOnlyList<FacePrediction> Predict(IReadOnlyList<FaceFrames> faces)
        {
            foreach (var face in faces)
            {
                Interlocked.Increment(ref _faces);
                if (face.Previous is null || face.Next is null) continue;
                Interlocked.Increment(ref _both);
                Assert.Equal(face.Current.Size(), face.Previous.Size());
                if (Cv2.Norm(face.Previous, face.Current, NormTypes.L1) > 0) Interlocked.Increment(ref _differ);
            }
            return inner.Predict(faces);
        }
    }
}
