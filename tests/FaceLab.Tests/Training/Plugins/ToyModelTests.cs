using FaceLab.Tests.Training.Sessions;
using FaceLab.Training.Inference;
using FaceLab.Training.Models;
using FaceLab.Training.Sessions;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace FaceLab.Tests.Training.Plugins;

/// <summary>
/// A model type that lives only in this test project, with an option of its own: it trains through
/// the session, resumes and predicts through the inference API without any change to the library.
/// </summary>
public class ToyModelTests(DemoFaceSetsFixture faces) : IClassFixture<DemoFaceSetsFixture>
{
    public sealed record ToyOptions : ModelOptions
    {
        [ModelOption("Channels of the toy's single hidden layer", Min = 1, Max = 64)]
        public required int Hidden { get; init; }

        public override string ArchitectureText() => $"res={Resolution} face={FaceType} hidden={Hidden}";
    }

    /// <summary>Two 3×3 convolutions per identity: enough to learn something, nothing like a real swap.</summary>
    internal sealed class ToyModel : FaceSwapModel
    {
        private readonly Sequential src, dst;

        public ToyModel(ToyOptions options) : base("Toy", 1, options)
        {
            // 1×1 convolutions: a plug-in has no PaddedConvolution, and libtorch's CPU backward of a 3×3 one
            // with 4 outputs is wrong and now and then NaN (RELIABILITY.md), which made this toy diverge.
            src = nn.Sequential(nn.Conv2d(3, options.Hidden, 1), nn.ReLU(), nn.Conv2d(options.Hidden, 4, 1));
            dst = nn.Sequential(nn.Conv2d(3, options.Hidden, 1), nn.ReLU(), nn.Conv2d(options.Hidden, 4, 1));
            RegisterComponents();
        }

        public override ReconstructionPair Reconstruct(Tensor source, Tensor destination) =>
            new(Forward(PredictionDirection.SourceToSource, source), Forward(PredictionDirection.DestinationToDestination, destination));

        public override FaceOutput Forward(PredictionDirection direction, Tensor faces)
        {
            var output = (direction == PredictionDirection.DestinationToDestination ? dst : src).forward(faces).sigmoid();
            return new FaceOutput(output.narrow(1, 0, 3), output.narrow(1, 3, 1));
        }

        public override IReadOnlyList<ParameterGroup> ParameterGroups() => [Group("src", src), Group("dst", dst)];
    }

    public sealed class ToyDefinition : ModelDefinition<ToyOptions>
    {
        public override string Name => "Toy";

        public override string Summary => "a test-only model";

        public override ToyOptions TypedDefaults { get; } = new() { Resolution = 32, FaceType = FaceLab.Faces.Alignment.FaceType.Full, Hidden = 4 };

        private protected override FaceSwapModel Build(ToyOptions options) => new ToyModel(options);
    }

    [Fact]
    public void A_model_type_from_outside_the_library_trains_resumes_and_predicts()
    {
        var toy = new ToyDefinition();
        var models = faces.NewModelsFolder();
        var options = toy.Schema.With(toy.Defaults, [new("hidden", "6")], "toy");
        var session = TrainingSession.Open(models, toy, "t", options, faces.SourceSet, faces.DestinationSet,
            new TrainingSessionOptions { BatchSize = 4, TargetIteration = 20, AutosaveMinutes = 1e9, Backups = 0, PreviewRows = 2, Optimizer = new FaceLab.Training.Optimization.AdamOptions { LearningRate = 2e-3 } });
        using (session) session.Run(TextWriter.Null, CancellationToken.None);
        var losses = session.Losses.Snapshot();
        Assert.True(losses[^3..].Average(p => p.Destination) < losses[..3].Average(p => p.Destination), "the toy learns");

        var spec = File.ReadAllText(Path.Combine(session.Folder, ModelSpec.FileName));
        Assert.Contains("\"Toy\"", spec);
        Assert.Contains("\"hidden\": 6", spec);

        using (var resumed = TrainingSession.Open(models, toy, "t", null, faces.SourceSet, faces.DestinationSet, new TrainingSessionOptions { TargetIteration = 21, Backups = 0 }))
        {
            Assert.Equal(20, resumed.Iteration);
            Assert.Equal(6, ((ToyOptions)resumed.ModelOptions).Hidden);
        }

        using var model = TrainedModel.Open(session.Folder, definition: toy);
        using var face = new OpenCvSharp.Mat(50, 50, OpenCvSharp.MatType.CV_8UC3, OpenCvSharp.Scalar.All(128));
        Assert.Equal(new OpenCvSharp.Size(32, 32), model.Predict([face])[0].Face.Size());
    }
}
