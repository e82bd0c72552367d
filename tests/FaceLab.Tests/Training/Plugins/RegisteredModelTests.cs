using FaceLab.Common;
using FaceLab.Tests.Training.Sessions;
using FaceLab.Training.Inference;
using FaceLab.Training.Models;
using FaceLab.Training.Sessions;
using OpenCvSharp;

namespace FaceLab.Tests.Training.Plugins;

/// <summary>Every registered model type, tiny, on real demo faces, through the session and the inference API.</summary>
public class RegisteredModelTests(DemoFaceSetsFixture faces) : IClassFixture<DemoFaceSetsFixture>
{
    public static TheoryData<string> ModelNames() => [.. ModelRegistry.Names];

    private static TrainingSessionOptions Run(long target) => TinyModels.ShortRun(target, seed: 5);

    [Theory]
    [MemberData(nameof(ModelNames))]
    public void Trains_saves_resumes_bit_exactly_and_predicts_every_direction(string name)
    {
        var definition = ModelRegistry.Get(name);
        var tiny = definition.Preset(ModelPresets.Tiny);
        var straight = faces.NewModelsFolder();
        using (var session = TrainingSession.Open(straight, definition, "p", tiny, faces.SourceSet, faces.DestinationSet, Run(4)))
            session.Run(TextWriter.Null, CancellationToken.None);
        var resumed = faces.NewModelsFolder();
        using (var session = TrainingSession.Open(resumed, definition, "p", tiny, faces.SourceSet, faces.DestinationSet, Run(2)))
            session.Run(TextWriter.Null, CancellationToken.None);
        using (var session = TrainingSession.Open(resumed, definition, "p", null, faces.SourceSet, faces.DestinationSet, Run(4)))
        {
            Assert.Equal(2, session.Iteration);
            session.Run(TextWriter.Null, CancellationToken.None);
        }
        var folder = ModelSpec.FolderName("p", definition.Name);
        Assert.Equal(TinyModels.SavedLosses(Path.Combine(straight, folder)), TinyModels.SavedLosses(Path.Combine(resumed, folder)));

        using var model = TrainedModel.Open(Path.Combine(resumed, folder));
        Assert.Equal(4, model.Iteration);
        using var face = new Mat(100, 100, MatType.CV_8UC3, new Scalar(90, 120, 160));
        foreach (var direction in Enum.GetValues<PredictionDirection>())
        {
            var prediction = Assert.Single(model.Predict([face], direction));
            Assert.Equal(new Size(tiny.Resolution, tiny.Resolution), prediction.Face.Size());
            Assert.Equal(3, prediction.Face.Channels());
            Assert.Equal(1, prediction.PredictedMask.Channels());
        }
    }

    [Theory]
    [MemberData(nameof(ModelNames))]
    public void The_swap_with_the_dst_mask_equals_the_two_directions_run_apart(string name)
    {
        var definition = ModelRegistry.Get(name);
        using var model = definition.Create(definition.Preset(ModelPresets.Tiny), seed: 9);
        model.eval();
        using var scope = TorchSharp.torch.NewDisposeScope();
        using var noGrad = TorchSharp.torch.no_grad();
        var faces = TorchSharp.torch.rand(2, 3, model.Resolution, model.Resolution);
        var (swap, destinationMask) = model.ForwardSwap(faces);
        var apart = model.Forward(PredictionDirection.DestinationToSource, faces);
        var destination = model.Forward(PredictionDirection.DestinationToDestination, faces);
        Assert.Equal(0, (swap.Face - apart.Face).abs().max().item<float>());
        Assert.Equal(0, (swap.Mask - apart.Mask).abs().max().item<float>());
        Assert.Equal(0, (destinationMask - destination.Mask).abs().max().item<float>());
    }

    [Theory]
    [MemberData(nameof(ModelNames))]
    public void Every_preset_builds_every_model(string name)
    {
        var definition = ModelRegistry.Get(name);
        foreach (var preset in ModelPresets.Names.Names)
        {
            var options = definition.Preset(preset);
            options.Validate();
            if (preset != ModelPresets.Default) using (definition.Create(options)) { }
        }
    }

    [Fact]
    public void Quick96_keeps_its_96_px_full_face_under_every_preset()
    {
        var quick = ModelRegistry.Get("Quick96");
        Assert.All(ModelPresets.Names.Names, p => Assert.Equal(96, quick.Preset(p).Resolution));
    }

    [Fact]
    public void An_unknown_preset_is_an_error_listing_the_presets()
    {
        var error = Assert.Throws<FaceLabException>(() => ModelRegistry.Get("DF").Preset("huge"));
        Assert.Contains("cpu-demo", error.Hint);
        Assert.Equal(64, ModelRegistry.Get("DF").Preset("TINY").Resolution); // case-insensitive
    }

    [Fact]
    public void Options_are_validated_in_one_place_with_one_line_errors()
    {
        var df = ModelRegistry.Get("DF");
        var negative = Assert.Throws<FaceLabException>(() => df.Schema.With(df.Defaults, [new("ae-dims", "-5")], "DF"));
        Assert.Contains("ae_dims", negative.Message);
        var resolution = Assert.Throws<FaceLabException>(() => df.Schema.With(df.Defaults, [new("resolution", "20")], "DF"));
        Assert.Contains("multiple of 16", resolution.Hint);
        var unknown = Assert.Throws<FaceLabException>(() => df.Schema.With(df.Defaults, [new("gan-power", "1")], "DF"));
        Assert.Contains("encoder_dims", unknown.Hint);
        var faceType = Assert.Throws<FaceLabException>(() => df.Schema.With(df.Defaults, [new("face-type", "banana")], "DF"));
        Assert.Contains("whole_face", faceType.Hint);
        var changed = (AutoencoderOptions)df.Schema.With(df.Defaults, [new("ae_dims", "256")], "DF");
        Assert.Equal(256, changed.AeDims);
        Assert.Equal(512, changed.InterDims); // one rule: an option changes only itself
    }

    [Fact]
    public void A_refused_new_model_leaves_nothing_behind()
    {
        var models = faces.NewModelsFolder();
        var df = ModelRegistry.Get("DF");
        var bad = ((AutoencoderOptions)df.Defaults) with { Resolution = 20 };
        Assert.Throws<FaceLabException>(() => TrainingSession.Open(models, df, "bad", bad, faces.SourceSet, faces.DestinationSet, Run(1)));
        Assert.False(File.Exists(Path.Combine(models, "bad_DF", ModelSpec.FileName)));
        using var session = TrainingSession.Open(models, df, "bad", df.Preset(ModelPresets.Tiny), faces.SourceSet, faces.DestinationSet, Run(1));
        Assert.Equal(0, session.Iteration);
    }

    [Fact]
    public void A_format_1_model_json_still_loads()
    {
        using var temp = new FaceLab.Tests.Support.TempFolder();
        File.WriteAllText(temp.Combine(ModelSpec.FileName), """
            {"format":1,"model_type":"DF","name":"old","resolution":64,"face_type":"full","encoder_dims":8,"ae_dims":32,"inter_dims":32,
             "inter_upscale_dims":32,"decoder_dims":8,"seed":1,"batch_size":8,"preview_source":["a.jpg"],"preview_destination":["b.jpg"],"tool_version":"0.1.0"}
            """);
        var spec = ModelSpec.Load(temp.Path);
        var options = (AutoencoderOptions)spec.OptionsFor(ModelRegistry.Get("DF"), "model.json");
        Assert.Equal((64, "full", 8, 32, 8), (options.Resolution, options.FaceType.ToString(), options.EncoderDims, options.AeDims, options.DecoderDims));
        Assert.Equal(ModelSpec.CurrentFormat, spec.Format);
    }
}
