using FaceLab.Faces.Alignment;

namespace FaceLab.Training.Models;

/// <summary>
/// DF: full face at 128 px. Encoder 128-256-512-1024 → dense 512 → dense 8·8·512 → upscale 512;
/// src and dst decoders 512-256-128 with a mask head. The training benchmark runs the same layers
/// in PyTorch beside it.
/// </summary>
internal sealed class DfModel : DualDecoderModel
{
    public const string ArchitectureName = "DF";

    /// <summary>128 px full face, e 128, ae 512, inter 512, upscale 512, d 128.</summary>
    public static AutoencoderOptions Defaults { get; } = new()
    {
        Resolution = 128,
        FaceType = FaceType.Full,
        EncoderDims = 128,
        AeDims = 512,
        InterDims = 512,
        InterUpscaleDims = 512,
        DecoderDims = 128,
    };

    public DfModel(AutoencoderOptions options) : base(ArchitectureName, 1, options) { }
}
