using System.Globalization;

namespace FaceLab.Training.Models;

/// <summary>
/// Options of the seed's autoencoders (one shared encoder, a dense bottleneck, decoders of three
/// upscales). Defaults are per model: see each model's <c>Defaults</c>; the <c>tiny</c> preset
/// shrinks every width for fast tests.
/// </summary>
internal sealed record AutoencoderOptions : ModelOptions
{
    /// <summary>e: encoder widths are e, 2e, 4e, 8e (128 in every seed model).</summary>
    [ModelOption("Encoder width of the first layer (e; the layers are e, 2e, 4e, 8e)", Min = 8, Max = 1024)]
    public required int EncoderDims { get; init; }

    /// <summary>Width of the dense face code (DF 512, H64 1024, LIAEF128 256).</summary>
    [ModelOption("Width of the dense face code", Min = 8, Max = 4096)]
    public required int AeDims { get; init; }

    /// <summary>Channels of the (resolution/16)² map the second dense layer produces.</summary>
    [ModelOption("Channels of the low-resolution map after the code", Min = 8, Max = 4096)]
    public required int InterDims { get; init; }

    /// <summary>Channels after the bottleneck's upscale, the decoder's input (512 in the seed).</summary>
    [ModelOption("Channels after the bottleneck's upscale (the decoder's input)", Min = 8, Max = 4096)]
    public required int InterUpscaleDims { get; init; }

    /// <summary>d: decoder upscales at 4d, 2d, d channels (128; 64 in H64's light variant).</summary>
    [ModelOption("Decoder width of the last layer (d; the layers are 4d, 2d, d)", Min = 8, Max = 1024)]
    public required int DecoderDims { get; init; }

    public override string ArchitectureText() => string.Create(CultureInfo.InvariantCulture,
        $"res={Resolution} face={FaceType} e={EncoderDims} ae={AeDims} inter={InterDims} up={InterUpscaleDims} d={DecoderDims}");

    /// <summary>These options with every width divided by <paramref name="factor"/> (at least 8).</summary>
    public AutoencoderOptions Shrunk(int factor) => this with
    {
        EncoderDims = Math.Max(8, EncoderDims / factor),
        AeDims = Math.Max(8, AeDims / factor),
        InterDims = Math.Max(8, InterDims / factor),
        InterUpscaleDims = Math.Max(8, InterUpscaleDims / factor),
        DecoderDims = Math.Max(8, DecoderDims / factor),
    };
}
