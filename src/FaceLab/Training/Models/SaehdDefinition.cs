using FaceLab.Faces.Alignment;
using FaceLab.Training.Devices;
using FaceLab.Training.Optimization;
using FaceLab.Training.Samples;
using FaceLab.Training.Trainers;
using static TorchSharp.torch;

namespace FaceLab.Training.Models;

/// <summary>
/// SAEHD as a plug-in model type: <see cref="SaehdOptions"/>, <see cref="SaehdModel"/>, its own
/// sample recipe (±15% zoom, warp, uniform yaw, HSV jitter and colour transfer as the options
/// say) and <see cref="SaehdTrainer"/>. Pretraining is the same model trained on one face set
/// given as both src and dst; turning it off keeps encoder and decoders and re-initialises the
/// bottleneck, so the fine-tuning on the pair learns the identities' codes from scratch.
/// </summary>
internal sealed class SaehdDefinition : ModelDefinition<SaehdOptions>
{
    /// <summary>Seed of the re-initialised bottleneck when pretraining ends.</summary>
    private const int BottleneckSeed = 0xB07;

    public override string Name => SaehdModel.ArchitectureName;

    public override string Summary => "configurable: df or liae with -u, -d, -t, 64-640 px, GAN, true face, styles, pretrain";

    /// <summary>liae-ud at 128 px full face, ae 256, e 64, d 64, mask decoder 22.</summary>
    public override SaehdOptions TypedDefaults { get; } = new()
    {
        Resolution = 128,
        FaceType = FaceType.Full,
        Archi = "liae-ud",
        AeDims = 256,
        EDims = 64,
        DDims = 64,
        DMaskDims = 22,
    };

    public override ModelOptions Preset(string preset)
    {
        var name = ModelPresets.Names.Canonical(preset);
        if (name == ModelPresets.Default) return TypedDefaults;
        if (name == ModelPresets.CpuDemo) return TypedDefaults with { Resolution = 64, AeDims = 64, EDims = 16, DDims = 16, DMaskDims = 6 };
        var shrink = ModelPresets.TinyShrinkFactor;
        return TypedDefaults with
        {
            Resolution = 64,
            AeDims = Math.Max(8, TypedDefaults.AeDims / shrink),
            EDims = Math.Max(2, TypedDefaults.EDims / shrink),
            DDims = Math.Max(2, TypedDefaults.DDims / shrink),
            DMaskDims = Math.Max(1, TypedDefaults.DMaskDims / shrink),
        };
    }

    internal override SampleRecipe Samples(ModelOptions options)
    {
        var saehd = Typed(options).Effective;
        var both = new SampleOptions
        {
            Resolution = saehd.Resolution,
            FaceType = saehd.FaceType,
            Transform = SampleTransformOptions.Default with { Scale = 0.15 },
            RandomWarp = saehd.RandomWarp,
            UniformYaw = saehd.UniformYaw,
            RandomHsvPower = saehd.RandomHsvPower,
        };
        return new SampleRecipe { Source = both with { ColorTransfer = saehd.ColorTransfer.ToLowerInvariant() }, Destination = both };
    }

    internal override ModelTrainer CreateTrainer(DataParallelModel model, AdamOptions optimizer) => new SaehdTrainer(model, optimizer);

    internal override bool AdoptOptions(FaceSwapModel model, ModelOptions previous, ModelOptions current)
    {
        if (!(Typed(previous).Pretrain && !Typed(current).Pretrain)) return false;
        using var fresh = Create(current, BottleneckSeed);
        using var noGrad = no_grad();
        var freshGroups = fresh.ParameterGroups().ToDictionary(g => g.Name);
        foreach (var group in model.ParameterGroups().Where(g => SaehdModel.BottleneckGroups.Contains(g.Name)))
            foreach (var (weight, initial) in group.Parameters.Zip(freshGroups[group.Name].Parameters))
                weight.copy_(initial);
        return true;
    }

    private protected override FaceSwapModel Build(SaehdOptions options) => new SaehdModel(options);
}
