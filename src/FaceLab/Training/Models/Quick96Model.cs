using FaceLab.Common;
using FaceLab.Faces.Alignment;

namespace FaceLab.Training.Models;

/// <summary>
/// Quick96: SAEHD's <c>df-ud</c> at 96 px, full face, ae 128, e 64, d 64, options fixed. Our reading
/// of the two flags: <c>u</c> pixel-normalises the encoder's output before the dense code; <c>d</c>
/// runs the bottleneck and decoders at half resolution (3×3 → 48 px) and the 5×5 heads emit 4×
/// the channels that a depth-to-space turns into the 96 px face and mask. The encoder still reads
/// the full 96 px face (6×6×8e code).
/// </summary>
internal sealed class Quick96Model : DualDecoderModel
{
    public const string ArchitectureName = "Quick96";

    /// <summary>96 px full face, e 64, ae 128, inter 128, upscale 128, d 64.</summary>
    public static AutoencoderOptions Defaults { get; } = new()
    {
        Resolution = 96,
        FaceType = FaceType.Full,
        EncoderDims = 64,
        AeDims = 128,
        InterDims = 128,
        InterUpscaleDims = 128,
        DecoderDims = 64,
    };

    public Quick96Model(AutoencoderOptions options)
        : base(ArchitectureName, 1, RequireFixedLayout(options), pixelNormCode: true, doubleResolution: true) { }

    private static AutoencoderOptions RequireFixedLayout(AutoencoderOptions options) =>
        options.Resolution == Defaults.Resolution && options.FaceType == Defaults.FaceType
            ? options
            : throw new FaceLabException("Quick96", $"is fixed at {Defaults.Resolution} px {Defaults.FaceType} face; got {options.Resolution} px {options.FaceType}", "keep its resolution and face type, or choose another model");
}
