using FaceLab.Training.Export;
using FaceLab.Training.Layers;
using static TorchSharp.torch;

namespace FaceLab.Training.Models;

/// <summary>
/// The DF layout: one encoder and bottleneck shared by both identities, a decoder per identity.
/// The swap decodes dst's code with the src decoder. H64, H128, DF and Quick96 are this layout
/// with different options.
/// </summary>
internal abstract class DualDecoderModel : FaceSwapModel
{
    private readonly ConvEncoder encoder;
    private readonly DenseInter inter;
    private readonly FaceDecoder decoderSrc, decoderDst;

    /// <param name="pixelNormCode">SAEHD <c>u</c>: pixel-normalise the encoder output.</param>
    /// <param name="doubleResolution">SAEHD <c>d</c>: run at half resolution, depth-to-space outputs.</param>
    protected DualDecoderModel(string architecture, int version, AutoencoderOptions options,
        bool pixelNormCode = false, bool doubleResolution = false)
        : base(architecture, version, options)
    {
        var innerResolution = doubleResolution ? options.Resolution / 2 : options.Resolution;
        encoder = new ConvEncoder(options.EncoderDims, pixelNormCode);
        inter = new DenseInter(ConvEncoder.OutputFeatures(options.EncoderDims, options.Resolution),
            options.AeDims, innerResolution / 16, options.InterDims, options.InterUpscaleDims);
        decoderSrc = new FaceDecoder(options.InterUpscaleDims, options.DecoderDims, doubleResolution);
        decoderDst = new FaceDecoder(options.InterUpscaleDims, options.DecoderDims, doubleResolution);
        RegisterComponents();
    }

    public override ReconstructionPair Reconstruct(Tensor source, Tensor destination) =>
        new(Forward(PredictionDirection.SourceToSource, source),
            Forward(PredictionDirection.DestinationToDestination, destination));

    public override FaceOutput Forward(PredictionDirection direction, Tensor faces)
    {
        var code = inter.forward(encoder.forward(faces));
        var (face, mask) = direction == PredictionDirection.DestinationToDestination
            ? decoderDst.forward(code)
            : decoderSrc.forward(code);
        return new FaceOutput(face, mask);
    }

    public override (FaceOutput Swap, Tensor DestinationMask) ForwardSwap(Tensor faces)
    {
        var code = inter.forward(encoder.forward(faces));
        var (face, mask) = decoderSrc.forward(code);
        return (new FaceOutput(face, mask), decoderDst.forward(code).Mask);
    }

    internal override SwapValues ExportSwap(OnnxGraph graph, OnnxValue faces)
    {
        var code = inter.Export(graph, encoder.Export(graph, faces));
        var (face, mask) = decoderSrc.Export(graph, code);
        return new SwapValues(face, mask, decoderDst.Export(graph, code).Mask);
    }

    public override IReadOnlyList<ParameterGroup> ParameterGroups() =>
        [Group("encoder", encoder), Group("inter", inter), Group("decoder_src", decoderSrc), Group("decoder_dst", decoderDst)];
}
