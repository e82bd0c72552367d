using FaceLab.Training.Export;
using FaceLab.Training.Layers;
using static TorchSharp.torch;

namespace FaceLab.Training.Models;

/// <summary>
/// The LIAE layout: one encoder, two bottlenecks (AB sees both identities, B only dst) and one
/// decoder on the concatenated codes: src = dec(AB‖AB), dst = dec(B‖AB), swap = dec(AB(dst)‖AB(dst)).
/// Sharing the decoder morphs src towards dst's look (lighting, skin).
/// </summary>
internal abstract class LiaeModel : FaceSwapModel
{
    private readonly ConvEncoder encoder;
    private readonly DenseInter interAB, interB;
    private readonly FaceDecoder decoder;

    protected LiaeModel(string architecture, int version, AutoencoderOptions options) : base(architecture, version, options)
    {
        var features = ConvEncoder.OutputFeatures(options.EncoderDims, options.Resolution);
        var low = options.Resolution / 16;
        encoder = new ConvEncoder(options.EncoderDims);
        interAB = new DenseInter(features, options.AeDims, low, options.InterDims, options.InterUpscaleDims);
        interB = new DenseInter(features, options.AeDims, low, options.InterDims, options.InterUpscaleDims);
        decoder = new FaceDecoder(options.InterUpscaleDims * 2, options.DecoderDims);
        RegisterComponents();
    }

    public override ReconstructionPair Reconstruct(Tensor source, Tensor destination) =>
        new(Forward(PredictionDirection.SourceToSource, source),
            Forward(PredictionDirection.DestinationToDestination, destination));

    public override FaceOutput Forward(PredictionDirection direction, Tensor faces)
    {
        var code = encoder.forward(faces);
        var shared = interAB.forward(code);
        var first = direction == PredictionDirection.DestinationToDestination ? interB.forward(code) : shared;
        var (face, mask) = decoder.forward(cat([first, shared], 1));
        return new FaceOutput(face, mask);
    }

    public override (FaceOutput Swap, Tensor DestinationMask) ForwardSwap(Tensor faces)
    {
        var code = encoder.forward(faces);
        var shared = interAB.forward(code);
        var (face, mask) = decoder.forward(cat([shared, shared], 1));
        return (new FaceOutput(face, mask), decoder.forward(cat([interB.forward(code), shared], 1)).Mask);
    }

    internal override SwapValues ExportSwap(OnnxGraph graph, OnnxValue faces)
    {
        var code = encoder.Export(graph, faces);
        var shared = interAB.Export(graph, code);
        var (face, mask) = decoder.Export(graph, graph.Concat(1, shared, shared));
        return new SwapValues(face, mask, decoder.Export(graph, graph.Concat(1, interB.Export(graph, code), shared)).Mask);
    }

    public override IReadOnlyList<ParameterGroup> ParameterGroups() =>
        [Group("encoder", encoder), Group("inter_ab", interAB), Group("inter_b", interB), Group("decoder", decoder)];
}
