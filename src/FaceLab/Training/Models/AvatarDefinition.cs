using FaceLab.Faces.Alignment;
using FaceLab.Training.Samples;

namespace FaceLab.Training.Models;

/// <summary>
/// AVATAR as a plug-in model type: <see cref="AvatarOptions"/>, <see cref="AvatarModel"/> and a
/// sample recipe of head faces whose inputs are 64 px (the previous, current and next frames with
/// temporal input) and whose targets are at the model's resolution. The default trainer (one Adam,
/// masked DSSIM + MSE and the mask loss) fits it as it is.
/// </summary>
internal sealed class AvatarDefinition : ModelDefinition<AvatarOptions>
{
    public override string Name => AvatarModel.ArchitectureName;

    public override string Summary => "puppet: the dst face drives the src head (head, 64 px in with prev/next frames, up to 256 px out)";

    /// <summary>256 px head out of three 64 px frames, e 64, ae 256, inter 256, d 64.</summary>
    public override AvatarOptions TypedDefaults { get; } = new()
    {
        Resolution = AvatarOptions.MaxOutputResolution,
        FaceType = FaceType.Head,
        EncoderDims = 64,
        AeDims = 256,
        InterDims = 256,
        DecoderDims = 64,
    };

    public override ModelOptions Preset(string preset)
    {
        var name = ModelPresets.Names.Canonical(preset);
        if (name == ModelPresets.Default) return TypedDefaults;
        if (name == ModelPresets.CpuDemo) return TypedDefaults with { Resolution = 128, EncoderDims = 16, AeDims = 128, InterDims = 64, DecoderDims = 16 };
        // Tiny: widths ÷8 (the decoder's ÷4), not ÷16: one code must carry a whole head, and at ÷16 a few steps barely move the loss at 256 px.
        return TypedDefaults with { Resolution = AvatarOptions.InputSize, EncoderDims = 8, AeDims = 32, InterDims = 32, DecoderDims = 16 };
    }

    internal override SampleRecipe Samples(ModelOptions options)
    {
        var avatar = Typed(options);
        return SampleRecipe.Symmetric(new SampleOptions
        {
            Resolution = avatar.Resolution,
            FaceType = avatar.FaceType,
            InputResolution = AvatarOptions.InputSize,
            TemporalFrames = avatar.TemporalFrames,
            RandomWarp = avatar.RandomWarp,
        });
    }

    private protected override FaceSwapModel Build(AvatarOptions options) => new AvatarModel(options);
}
