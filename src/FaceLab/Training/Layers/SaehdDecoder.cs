using FaceLab.Training.Export;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace FaceLab.Training.Layers;

/// <summary>
/// SAEHD's decoder from the bottleneck map (1/8 of the inner resolution): an image branch of
/// upscales at 8d, 4d, 2d, each followed by a <see cref="ResidualBlock"/>, and a mask branch of
/// upscales at 8m, 4m, 2m; 3×3 heads with sigmoid outputs. With <c>d</c> each head emits 4× the
/// channels and a depth-to-space doubles the output size.
/// </summary>
internal sealed class SaehdDecoder : nn.Module<Tensor, (Tensor Face, Tensor Mask)>
{
    private readonly Sequential image, mask;
    private readonly Conv2d faceHead, maskHead;
    private readonly bool doubleResolution;

    public SaehdDecoder(int inChannels, int decoderDims, int maskDims, bool doubleResolution, string name = nameof(SaehdDecoder)) : base(name)
    {
        var headFactor = doubleResolution ? 4 : 1;
        image = nn.Sequential(
            new Upscale(inChannels, decoderDims * 8), new ResidualBlock(decoderDims * 8),
            new Upscale(decoderDims * 8, decoderDims * 4), new ResidualBlock(decoderDims * 4),
            new Upscale(decoderDims * 4, decoderDims * 2), new ResidualBlock(decoderDims * 2));
        mask = nn.Sequential(
            new Upscale(inChannels, maskDims * 8), new Upscale(maskDims * 8, maskDims * 4), new Upscale(maskDims * 4, maskDims * 2));
        faceHead = nn.Conv2d(decoderDims * 2, 3 * headFactor, kernel_size: 3, padding: 1);
        maskHead = nn.Conv2d(maskDims * 2, headFactor, kernel_size: 3, padding: 1);
        this.doubleResolution = doubleResolution;
        RegisterComponents();
    }

    public override (Tensor Face, Tensor Mask) forward(Tensor input) =>
        (Head(faceHead, image.forward(input)), Head(maskHead, mask.forward(input)));

    private Tensor Head(Conv2d head, Tensor features)
    {
        var output = PaddedConvolution.Forward(head, features);
        if (doubleResolution) output = nn.functional.pixel_shuffle(output, 2);
        return output.sigmoid();
    }

    /// <summary>The decoder in an ONNX graph: the face and mask outputs of <see cref="forward"/>.</summary>
    public (OnnxValue Face, OnnxValue Mask) Export(OnnxGraph graph, OnnxValue input) =>
        (Head(graph, faceHead, graph.Layer(image, input)), Head(graph, maskHead, graph.Layer(mask, input)));

    private OnnxValue Head(OnnxGraph graph, Conv2d head, OnnxValue features)
    {
        var output = graph.Conv(head, features);
        if (doubleResolution) output = graph.PixelShuffle(output, 2);
        return graph.Sigmoid(output);
    }
}
