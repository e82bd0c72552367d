using FaceLab.Faces.Alignment;

namespace FaceLab.Training.Models;

/// <summary>
/// H64: half face at 64 px. Encoder 128-256-512-1024 → dense 1024 → dense 4·4·1024 → upscale 512;
/// src and dst decoders 512-256-128 with a mask head. The light variant (dense 512, decoders
/// 256-128-64) fits small memory.
/// </summary>
internal sealed class H64Model : DualDecoderModel
{
    public const string ArchitectureName = "H64";

    /// <summary>64 px half face, e 128, ae 1024, inter 1024, upscale 512, d 128.</summary>
    public static AutoencoderOptions Defaults { get; } = new()
    {
        Resolution = 64,
        FaceType = FaceType.Half,
        EncoderDims = 128,
        AeDims = 1024,
        InterDims = 1024,
        InterUpscaleDims = 512,
        DecoderDims = 128,
    };

    /// <summary>The light variant: ae 512, inter 512, d 64 (decoders 256-128-64).</summary>
    public static AutoencoderOptions LightDefaults { get; } = Defaults with { AeDims = 512, InterDims = 512, DecoderDims = 64 };

    public H64Model(AutoencoderOptions options) : base(ArchitectureName, 1, options) { }
}
