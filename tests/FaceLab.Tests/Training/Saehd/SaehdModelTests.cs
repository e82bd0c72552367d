using FaceLab.Common;
using FaceLab.Merging;
using FaceLab.Tests.Support;
using FaceLab.Tests.Training.Sessions;
using FaceLab.Training.Inference;
using FaceLab.Training.Models;
using FaceLab.Training.Sessions;
using OpenCvSharp;

namespace FaceLab.Tests.Training.Saehd;

/// <summary>SAEHD at tiny widths on the real demo faces, through the session, the inference API and the merger.</summary>
public class SaehdModelTests(DemoFaceSetsFixture faces) : IClassFixture<DemoFaceSetsFixture>
{
    private static readonly ModelDefinition Saehd = ModelRegistry.Get("SAEHD");

    /// <summary>The tiny preset with <paramref name="archi"/> and the given options (JSON keys, typed text).</summary>
    private static ModelOptions Tiny(string archi, params (string Key, string Value)[] options) =>
        Saehd.Schema.With(Saehd.Preset(ModelPresets.Tiny), [new("archi", archi), .. options.Select(o => new KeyValuePair<string, string>(o.Key, o.Value))], "SAEHD");

    private static TrainingSessionOptions Run(long target) => TinyModels.ShortRun(target, seed: 3) with { BatchSize = 2 };

    /// <summary>Every archi variant, each with other training options on, so every option is trained and resumed once.</summary>
    public static TheoryData<string, string[]> Variants() => new()
    {
        { "df", [] },
        { "liae", ["eyes_mouth_priority=true", "uniform_yaw=true"] },
        { "df-u", ["blur_out_mask=true", "random_hsv_power=0.1", "color_transfer=rct"] },
        { "liae-d", ["optimizer=rmsprop", "learning_rate_dropout=true", "clip_gradients=true"] },
        { "df-t", ["masked_training=false", "random_warp=false"] },
        { "liae-ud", ["face_style_power=10", "background_style_power=10"] },
        { "df-udt", ["gan_power=0.5", "true_face_power=0.5"] },
    };

    [Theory]
    [MemberData(nameof(Variants))]
    public void Each_archi_trains_saves_resumes_bit_exactly_and_predicts(string archi, string[] extra)
    {
        var options = Tiny(archi, [.. extra.Select(e => (e.Split('=')[0], e.Split('=')[1]))]);
        var straight = faces.NewModelsFolder();
        using (var session = TrainingSession.Open(straight, Saehd, "v", options, faces.SourceSet, faces.DestinationSet, Run(3)))
            session.Run(TextWriter.Null, CancellationToken.None);
        var resumed = faces.NewModelsFolder();
        using (var session = TrainingSession.Open(resumed, Saehd, "v", options, faces.SourceSet, faces.DestinationSet, Run(1)))
            session.Run(TextWriter.Null, CancellationToken.None);
        using (var session = TrainingSession.Open(resumed, Saehd, "v", null, faces.SourceSet, faces.DestinationSet, Run(3)))
        {
            Assert.Equal(1, session.Iteration);
            session.Run(TextWriter.Null, CancellationToken.None);
        }
        var folder = ModelSpec.FolderName("v", "SAEHD");
        var losses = TinyModels.SavedLosses(Path.Combine(straight, folder));
        Assert.All(losses, l => Assert.True(float.IsFinite(l) && l > 0));
        Assert.Equal(losses, TinyModels.SavedLosses(Path.Combine(resumed, folder)));
        Assert.Equal(WeightsOf(Path.Combine(straight, folder)), WeightsOf(Path.Combine(resumed, folder)));

        using var model = TrainedModel.Open(Path.Combine(resumed, folder));
        Assert.Equal(3, model.Iteration);
        using var face = Cv2.ImRead(Path.Combine(faces.Destination, faces.DestinationSet[0].Name));
        foreach (var direction in Enum.GetValues<PredictionDirection>())
        {
            var prediction = Assert.Single(model.Predict([face], direction));
            Assert.Equal(new Size(64, 64), prediction.Face.Size());
            Assert.Equal(3, prediction.Face.Channels());
            Assert.Equal(1, prediction.PredictedMask.Channels());
        }
    }

    [Fact]
    public void Every_variant_builds_and_keeps_its_output_size()
    {
        foreach (var archi in new[] { "df", "liae", "df-u", "liae-d", "df-t", "liae-ud", "df-udt", "liae-udt", "liae-t" })
        {
            using var model = Saehd.Create(Tiny(archi), seed: 1);
            using var scope = TorchSharp.torch.NewDisposeScope();
            var output = model.Predict(PredictionDirection.DestinationToSource, TorchSharp.torch.rand(1, 3, 64, 64));
            Assert.Equal([1L, 3, 64, 64], output.Face.shape);
            Assert.Equal([1L, 1, 64, 64], output.Mask.shape);
            Assert.Contains($"archi={archi}", model.Signature.Options);
        }
    }

    [Fact]
    public void Options_follow_the_resolution_and_archi_rules()
    {
        var defaults = (SaehdOptions)Saehd.Defaults;
        Assert.Equal(("liae-ud", 128), (defaults.Archi, defaults.Resolution));
        Tiny("df", ("resolution", "80")).Validate(); // steps of 16
        Tiny("df-d", ("resolution", "96")).Validate(); // steps of 32 with d
        Tiny("df", ("resolution", "640"), ("face_type", "head")).Validate();
        foreach (var type in new[] { "half", "mid_full", "full", "whole_face", "head" }) Tiny("liae", ("face_type", type)).Validate();
        Assert.Contains("multiple of 32", Assert.Throws<FaceLabException>(() => Tiny("df-d", ("resolution", "80"))).Message);
        Assert.Contains("below SAEHD's 64", Assert.Throws<FaceLabException>(() => Tiny("df", ("resolution", "48"))).Message);
        Assert.Contains("archi 'df-x'", Assert.Throws<FaceLabException>(() => Tiny("df-x")).Message);
        Assert.Contains("archi 'dfu'", Assert.Throws<FaceLabException>(() => Tiny("dfu")).Message);
        Assert.Contains("true face power needs archi df", Assert.Throws<FaceLabException>(() => Tiny("liae", ("true_face_power", "0.1"))).Message);
        Assert.Contains("colour transfer 'mix-m'", Assert.Throws<FaceLabException>(() => Tiny("df", ("color_transfer", "mix-m"))).Message);
        Assert.Contains("gan_power", Assert.Throws<FaceLabException>(() => Tiny("df", ("gan_power", "6"))).Message);
        Assert.Equal("liae-udt", ((SaehdOptions)Tiny("LIAE-TDU")).Layout.ToString());
    }

    [Fact]
    public void A_model_saved_with_one_architecture_refuses_another_and_takes_new_training_options()
    {
        var models = faces.NewModelsFolder();
        using (var session = TrainingSession.Open(models, Saehd, "m", Tiny("liae-ud"), faces.SourceSet, faces.DestinationSet, Run(1)))
            session.Run(TextWriter.Null, CancellationToken.None);
        foreach (var other in new[] { Tiny("df-ud"), Tiny("liae-ud", ("ae_dims", "32")), Tiny("liae-ud", ("resolution", "128")) })
        {
            var error = Assert.Throws<FaceLabException>(() => TrainingSession.Open(models, Saehd, "m", other, faces.SourceSet, faces.DestinationSet, Run(2)));
            Assert.DoesNotContain('\n', error.Message);
            Assert.Contains("cannot change to", error.Message);
        }
        // The weights themselves carry the architecture: a model of other options refuses them.
        var folder = Path.Combine(models, ModelSpec.FolderName("m", "SAEHD"));
        using (var wrong = Saehd.Create(Tiny("df-ud")))
        {
            var error = Assert.Throws<FaceLabException>(() => WeightsFile.Load(wrong, Path.Combine(new CheckpointStore(folder).Current!, CheckpointFiles.Weights)));
            Assert.Contains("archi=liae-ud", error.Message);
            Assert.Contains("archi=df-ud", error.Message);
        }
        using (var session = TrainingSession.Open(models, Saehd, "m", Tiny("liae-ud", ("random_warp", "false")), faces.SourceSet, faces.DestinationSet, Run(2)))
        {
            Assert.Equal(1, session.Iteration);
            Assert.False(((SaehdOptions)session.ModelOptions).RandomWarp);
            session.Run(TextWriter.Null, CancellationToken.None);
        }
        Assert.False(((SaehdOptions)ModelFolder.Open(folder).Options).RandomWarp);
    }

    [Fact]
    public void Pretraining_on_one_set_then_fine_tuning_on_the_pair_keeps_encoder_and_decoders()
    {
        var models = faces.NewModelsFolder();
        var folder = Path.Combine(models, ModelSpec.FolderName("p", "SAEHD"));
        var pretrain = Tiny("df-ud", ("pretrain", "true"));
        using (var session = TrainingSession.Open(models, Saehd, "p", pretrain, faces.SourceSet, faces.SourceSet, Run(2)))
            session.Run(TextWriter.Null, CancellationToken.None);
        var pretrained = GroupsOf(folder, pretrain);
        var fineTune = Tiny("df-ud", ("pretrain", "false"));
        using (var session = TrainingSession.Open(models, Saehd, "p", fineTune, faces.SourceSet, faces.DestinationSet, Run(3)))
        {
            session.Save();
            var adopted = GroupsOf(folder, fineTune);
            foreach (var kept in new[] { "encoder", "decoder_src", "decoder_dst" }) Assert.Equal(pretrained[kept], adopted[kept]);
            Assert.NotEqual(pretrained["inter"], adopted["inter"]); // the bottleneck starts afresh
            session.Run(TextWriter.Null, CancellationToken.None);
            Assert.Equal(3, session.Iteration);
        }
        Assert.NotEqual(pretrained["encoder"], GroupsOf(folder, fineTune)["encoder"]); // and the pair fine-tunes the kept encoder
    }

    [Fact]
    public async Task A_tiny_SAEHD_merges_a_dst_frame()
    {
        var models = faces.NewModelsFolder();
        using (var session = TrainingSession.Open(models, Saehd, "merge", Tiny("liae-ud"), faces.SourceSet, faces.DestinationSet, Run(2)))
            session.Run(TextWriter.Null, CancellationToken.None);
        using var model = TrainedModel.Open(Path.Combine(models, ModelSpec.FolderName("merge", "SAEHD")));
        using var output = new TempFolder();
        var frames = Path.GetDirectoryName(faces.Destination)!;
        var frame = FaceLab.Media.FrameSequence.In(frames).Files[0];
        var first = Path.GetFileNameWithoutExtension(frame);
        var report = await FrameMergeRun.RunAsync(new ModelFacePredictor(model), "saehd", new MergeRequest
        {
            Frames = frames,
            Aligned = faces.Destination,
            Output = output.Combine("merged"),
            MaskOutput = output.Combine("merged_mask"),
            Session = MergeSession.New(MergeOptions.Default),
            Range = new FaceLab.Media.FrameRange(int.Parse(first, System.Globalization.CultureInfo.InvariantCulture), int.Parse(first, System.Globalization.CultureInfo.InvariantCulture)),
            Workers = 1,
        });
        Assert.Equal(1, report.Merged);
        Assert.Equal(1, report.FacesReplaced);
        using var original = Cv2.ImRead(frame);
        using var merged = Cv2.ImRead(output.Combine("merged", Path.GetFileName(frame)));
        using var difference = new Mat();
        Cv2.Absdiff(original, merged, difference);
        Assert.True(Cv2.Mean(difference).Val0 > 0.05, "the face was replaced");
    }

    private static byte[] WeightsOf(string modelFolder) =>
        File.ReadAllBytes(Path.Combine(new CheckpointStore(modelFolder).Current!, CheckpointFiles.Weights));

    /// <summary>The saved weights of each parameter group, flattened.</summary>
    private static Dictionary<string, float[]> GroupsOf(string modelFolder, ModelOptions options)
    {
        using var model = Saehd.Create(options);
        WeightsFile.Load(model, Path.Combine(new CheckpointStore(modelFolder).Current!, CheckpointFiles.Weights));
        return model.ParameterGroups().ToDictionary(g => g.Name, g => g.Parameters.SelectMany(p => p.data<float>().ToArray()).ToArray());
    }
}
