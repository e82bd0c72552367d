using FaceLab.Training.Export;
using FaceLab.Training.Layers;
using static TorchSharp.torch;

namespace FaceLab.Training.Models;

/// <summary>
/// SAEHD: one configurable autoencoder (<see cref="SaehdOptions"/>). The encoder reads the face at
/// full resolution; the bottleneck and decoders run at the inner resolution (half of it with
/// <c>d</c>, whose depth-to-space heads restore the full size).
/// <list type="bullet">
/// <item><c>df</c>: one bottleneck (ae channels) shared by both identities, a decoder per identity;
/// the swap decodes dst's code with the src decoder. Its codes are what true face discriminates.</item>
/// <item><c>liae</c>: bottlenecks AB (both identities) and B (dst only) of 2·ae channels, one decoder on
/// the joined maps: src = dec(AB‖AB), dst = dec(B‖AB), swap = dec(AB(dst)‖AB(dst)).</item>
/// </list>
/// </summary>
internal sealed class SaehdModel : FaceSwapModel
{
    public const string ArchitectureName = "SAEHD";

    private readonly SaehdEncoder encoder;
    private readonly SaehdInter inter;
    private readonly SaehdInter? interB;
    private readonly SaehdDecoder decoder;
    private readonly SaehdDecoder? decoderDst;

    public SaehdModel(SaehdOptions options) : base(ArchitectureName, 1, options)
    {
        var archi = options.Layout;
        Archi = archi;
        var inner = archi.DoubleResolution ? options.Resolution / 2 : options.Resolution;
        var features = SaehdEncoder.OutputFeatures(options.EDims, options.Resolution, archi.ExtraBlock);
        var channels = archi.Liae ? options.AeDims * 2 : options.AeDims;
        encoder = new SaehdEncoder(options.EDims, archi.ExtraBlock, archi.PixelNorm);
        inter = new SaehdInter(features, options.AeDims, inner, channels, archi.ExtraBlock, "inter");
        if (archi.Liae)
        {
            interB = new SaehdInter(features, options.AeDims, inner, channels, archi.ExtraBlock, "inter_b");
            decoder = new SaehdDecoder(channels * 2, options.DDims, options.DMaskDims, archi.DoubleResolution, "decoder");
        }
        else
        {
            decoder = new SaehdDecoder(channels, options.DDims, options.DMaskDims, archi.DoubleResolution, "decoder_src");
            decoderDst = new SaehdDecoder(channels, options.DDims, options.DMaskDims, archi.DoubleResolution, "decoder_dst");
        }
        RegisterComponents();
    }

    public SaehdArchi Archi { get; }

    /// <summary>Names of the parameter groups of the bottleneck: the part pretraining does not keep.</summary>
    public static IReadOnlyList<string> BottleneckGroups { get; } = ["inter", "inter_b"];

    public override ReconstructionPair Reconstruct(Tensor source, Tensor destination)
    {
        if (interB is not null)
            return new(Forward(PredictionDirection.SourceToSource, source), Forward(PredictionDirection.DestinationToDestination, destination));
        var sourceCode = inter.forward(encoder.forward(source));
        var destinationCode = inter.forward(encoder.forward(destination));
        return new(Output(decoder.forward(sourceCode)), Output(decoderDst!.forward(destinationCode)), sourceCode, destinationCode);
    }

    public override FaceOutput Forward(PredictionDirection direction, Tensor faces)
    {
        var code = encoder.forward(faces);
        if (interB is null)
            return Output((direction == PredictionDirection.DestinationToDestination ? decoderDst! : decoder).forward(inter.forward(code)));
        var shared = inter.forward(code);
        var first = direction == PredictionDirection.DestinationToDestination ? interB.forward(code) : shared;
        return Output(decoder.forward(cat([first, shared], 1)));
    }

    public override (FaceOutput Swap, Tensor DestinationMask) ForwardSwap(Tensor faces)
    {
        var code = encoder.forward(faces);
        var shared = inter.forward(code);
        if (interB is null) return (Output(decoder.forward(shared)), decoderDst!.forward(shared).Mask);
        return (Output(decoder.forward(cat([shared, shared], 1))), decoder.forward(cat([interB.forward(code), shared], 1)).Mask);
    }

    internal override SwapValues ExportSwap(OnnxGraph graph, OnnxValue faces)
    {
        var code = encoder.Export(graph, faces);
        var shared = inter.Export(graph, code);
        if (interB is null)
        {
            var (dfFace, dfMask) = decoder.Export(graph, shared);
            return new SwapValues(dfFace, dfMask, decoderDst!.Export(graph, shared).Mask);
        }
        var (face, mask) = decoder.Export(graph, graph.Concat(1, shared, shared));
        return new SwapValues(face, mask, decoder.Export(graph, graph.Concat(1, interB.Export(graph, code), shared)).Mask);
    }

    public override IReadOnlyList<ParameterGroup> ParameterGroups() => interB is null
        ? [Group("encoder", encoder), Group("inter", inter), Group("decoder_src", decoder), Group("decoder_dst", decoderDst!)]
        : [Group("encoder", encoder), Group("inter", inter), Group("inter_b", interB), Group("decoder", decoder)];

    private static FaceOutput Output((Tensor Face, Tensor Mask) decoded) => new(decoded.Face, decoded.Mask);
}
