using FaceLab.Faces.Alignment;

namespace FaceLab.Training.Models;

/// <summary>
/// LIAEF128: full face at 128 px. Shared encoder 128-256-512-1024; bottlenecks AB and B each
/// dense 256 → dense 8·8·512 → upscale 512; one decoder 512-256-128 with a mask head on the
/// concatenated 1024-channel codes.
/// </summary>
internal sealed class Liaef128Model : LiaeModel
{
    public const string ArchitectureName = "LIAEF128";

    /// <summary>128 px full face, e 128, ae 256, inter 512, upscale 512, d 128.</summary>
    public static AutoencoderOptions Defaults { get; } = new()
    {
        Resolution = 128,
        FaceType = FaceType.Full,
        EncoderDims = 128,
        AeDims = 256,
        InterDims = 512,
        InterUpscaleDims = 512,
        DecoderDims = 128,
    };

    /// <summary>LIAEF128YAW: the same layers, trained on yaw-matched samples; its own name keeps the two models' weights apart.</summary>
    public const string YawArchitectureName = "LIAEF128YAW";

    public Liaef128Model(AutoencoderOptions options, string architecture = ArchitectureName) : base(architecture, 1, options) { }
}
