using FaceLab.Common;
using FaceLab.Training.Export;
using FaceLab.Training.Layers;
using TorchSharp;
using static TorchSharp.torch;

namespace FaceLab.Training.Models;

/// <summary>
/// AVATAR, a puppet: one encoder reads the 64 px head of the driving face (with temporal input the
/// previous, current and next frames stacked on the channels, 9 channels) into a shared code that
/// carries pose and expression; the src decoder renders the src head from it at the model's
/// resolution, the dst decoder the dst head at 64 px (it only makes the encoder learn both faces;
/// its output is enlarged bilinearly so every direction returns the same size). The swap is dst
/// frames → encoder → src decoder: the src head making the dst's pose and expression.
/// </summary>
internal sealed class AvatarModel : FaceSwapModel
{
    public const string ArchitectureName = "AVATAR";

    private readonly ConvEncoder encoder;
    private readonly TorchSharp.Modules.Linear code;
    private readonly AvatarDecoder decoderSrc, decoderDst;
    private readonly int frames;

    public AvatarModel(AvatarOptions options) : base(ArchitectureName, 1, options)
    {
        frames = options.TemporalFrames;
        encoder = new ConvEncoder(options.EncoderDims, inChannels: 3 * frames);
        code = nn.Linear(ConvEncoder.OutputFeatures(options.EncoderDims, AvatarOptions.InputSize), options.AeDims);
        decoderSrc = new AvatarDecoder(options.AeDims, options.Resolution / 16, options.InterDims, options.DecoderDims, "decoder_src");
        decoderDst = new AvatarDecoder(options.AeDims, AvatarOptions.InputSize / 16, options.InterDims, options.DecoderDims, "decoder_dst");
        RegisterComponents();
    }

    public override int InputResolution => AvatarOptions.InputSize;

    public override int TemporalFrames => frames;

    /// <summary>How much the dst decoder's 64 px output is enlarged to the model's resolution (a multiple of 1/4: exact in float).</summary>
    private float DestinationFactor => (float)Resolution / AvatarOptions.InputSize;

    public override ReconstructionPair Reconstruct(Tensor source, Tensor destination) =>
        new(Forward(PredictionDirection.SourceToSource, source), Forward(PredictionDirection.DestinationToDestination, destination));

    public override FaceOutput Forward(PredictionDirection direction, Tensor faces)
    {
        var shared = Code(faces);
        return direction == PredictionDirection.DestinationToDestination ? Destination(shared) : Output(decoderSrc.forward(shared));
    }

    public override (FaceOutput Swap, Tensor DestinationMask) ForwardSwap(Tensor faces)
    {
        var shared = Code(faces);
        return (Output(decoderSrc.forward(shared)), Destination(shared).Mask);
    }

    internal override SwapValues ExportSwap(OnnxGraph graph, OnnxValue faces)
    {
        var shared = graph.Linear(code, encoder.Export(graph, faces));
        var (face, mask) = decoderSrc.Export(graph, shared);
        var destinationMask = decoderDst.Export(graph, shared).Mask;
        if (DestinationFactor > 1) destinationMask = graph.UpscaleBilinear(destinationMask, DestinationFactor);
        return new SwapValues(face, mask, destinationMask);
    }

    public override IReadOnlyList<ParameterGroup> ParameterGroups() =>
        [Group("encoder", encoder), Group("code", code), Group("decoder_src", decoderSrc), Group("decoder_dst", decoderDst)];

    /// <summary>
    /// The code of driving faces: N×(3·frames)×64×64 as trained, or N×3 faces of any size (one frame:
    /// shrunk to 64 px and used as its own neighbours), so every caller of a face-swap model can drive it.
    /// </summary>
    private Tensor Code(Tensor faces)
    {
        var input = faces;
        var size = AvatarOptions.InputSize;
        if (input.shape[2] != size || input.shape[3] != size)
            input = nn.functional.interpolate(input, [size, size], mode: InterpolationMode.Area);
        if (input.shape[1] == 3 && frames > 1) input = input.repeat(1, frames, 1, 1);
        if (input.shape[1] != 3 * frames)
            throw new FaceLabException(ArchitectureName, $"takes 3 or {3 * frames} input channels, not {input.shape[1]}", null);
        return code.forward(encoder.forward(input));
    }

    private FaceOutput Destination(Tensor shared)
    {
        var (face, mask) = decoderDst.forward(shared);
        if (DestinationFactor == 1) return new FaceOutput(face, mask);
        long[] size = [Resolution, Resolution];
        return new FaceOutput(
            nn.functional.interpolate(face, size, mode: InterpolationMode.Bilinear, align_corners: false),
            nn.functional.interpolate(mask, size, mode: InterpolationMode.Bilinear, align_corners: false));
    }

    private static FaceOutput Output((Tensor Face, Tensor Mask) decoded) => new(decoded.Face, decoded.Mask);
}
