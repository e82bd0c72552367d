using System.Globalization;
using FaceLab.Faces.Alignment;

namespace FaceLab.Training.Models;

/// <summary>
/// Options of AVATAR: head faces read at <see cref="InputSize"/> px (three video frames by default),
/// the src head rendered at <see cref="ModelOptions.Resolution"/> (64–256 px). Every width is in the
/// weights' signature.
/// </summary>
internal sealed record AvatarOptions : ModelOptions
{
    /// <summary>Side of the driving faces the encoder reads, in pixels (fixed).</summary>
    public const int InputSize = 64;

    /// <summary>The largest output resolution.</summary>
    public const int MaxOutputResolution = 256;

    /// <summary>Read the previous and next frames' faces with the current one (three frames in), so the code sees motion.</summary>
    [ModelOption("Read the previous and next video frames' faces too (three frames in)")]
    public bool TemporalInput { get; init; } = true;

    /// <summary>
    /// Random grid warp of the input (default off): a puppet's input geometry is the pose it must
    /// reproduce, and a warp that the target does not share teaches the code to ignore it.
    /// </summary>
    [ModelOption("Random grid warp of the input (off: the driver's geometry is the pose to follow)")]
    public bool RandomWarp { get; init; }

    /// <summary>e: encoder widths e, 2e, 4e, 8e on the 64 px input.</summary>
    [ModelOption("Encoder width of the first layer (e; the layers are e, 2e, 4e, 8e)", Min = 8, Max = 1024)]
    public required int EncoderDims { get; init; }

    /// <summary>Width of the shared face code (pose and expression).</summary>
    [ModelOption("Width of the shared face code", Min = 8, Max = 4096)]
    public required int AeDims { get; init; }

    /// <summary>Channels of each decoder's low-resolution map (the src decoder's is resolution/16 wide, the dst decoder's 4).</summary>
    [ModelOption("Channels of each decoder's low-resolution map after the code", Min = 8, Max = 4096)]
    public required int InterDims { get; init; }

    /// <summary>d: decoder upscales at 4d, 2d, d channels.</summary>
    [ModelOption("Decoder width of the last layer (d; the layers are 4d, 2d, d)", Min = 8, Max = 1024)]
    public required int DecoderDims { get; init; }

    /// <summary>Video frames an input holds: 3 with <see cref="TemporalInput"/>, else 1.</summary>
    public int TemporalFrames => TemporalInput ? 3 : 1;

    public override string ArchitectureText() => string.Create(CultureInfo.InvariantCulture,
        $"res={Resolution} in={InputSize} frames={TemporalFrames} face={FaceType} e={EncoderDims} ae={AeDims} inter={InterDims} d={DecoderDims}");

    protected override IEnumerable<string> Problems()
    {
        if (Resolution > MaxOutputResolution)
            yield return $"resolution {Resolution} is above AVATAR's {MaxOutputResolution} px (it renders 64-{MaxOutputResolution} px from a {InputSize} px input)";
        if (Resolution < InputSize)
            yield return $"resolution {Resolution} is below AVATAR's {InputSize} px input";
        if (FaceType != FaceType.Head)
            yield return $"face type {FaceType} does not fit AVATAR, which drives the whole head (face type head)";
    }
}
