using FaceLab.Faces.Alignment;

namespace FaceLab.Training.Models;

/// <summary>
/// H128: half face at 128 px. Encoder 128-256-512-1024 → dense 512 → dense 8·8·512 → upscale 512;
/// src and dst decoders 512-256-128 with a mask head.
/// </summary>
internal sealed class H128Model : DualDecoderModel
{
    public const string ArchitectureName = "H128";

    /// <summary>128 px half face, e 128, ae 512, inter 512, upscale 512, d 128.</summary>
    public static AutoencoderOptions Defaults { get; } = new()
    {
        Resolution = 128,
        FaceType = FaceType.Half,
        EncoderDims = 128,
        AeDims = 512,
        InterDims = 512,
        InterUpscaleDims = 512,
        DecoderDims = 128,
    };

    public H128Model(AutoencoderOptions options) : base(ArchitectureName, 1, options) { }
}
