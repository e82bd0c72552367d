using FaceLab.Training.Export;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace FaceLab.Training.Layers;

/// <summary>
/// A decoder: three <see cref="Upscale"/> blocks at 4d, 2d and d channels, then two 5×5 heads with
/// sigmoid outputs: the RGB face and a 1-channel mask. With <c>doubleResolution</c> (SAEHD's
/// <c>d</c>) each head emits 4× the channels and a depth-to-space doubles the output size, so the
/// network runs at half the resolution it produces.
/// </summary>
internal sealed class FaceDecoder : nn.Module<Tensor, (Tensor Face, Tensor Mask)>
{
    private readonly Upscale up1, up2, up3;
    private readonly Conv2d faceHead, maskHead;
    private readonly bool doubleResolution;

    public FaceDecoder(int inChannels, int decoderDims, bool doubleResolution = false, string name = nameof(FaceDecoder))
        : base(name)
    {
        var headFactor = doubleResolution ? 4 : 1;
        up1 = new Upscale(inChannels, decoderDims * 4);
        up2 = new Upscale(decoderDims * 4, decoderDims * 2);
        up3 = new Upscale(decoderDims * 2, decoderDims);
        faceHead = nn.Conv2d(decoderDims, 3 * headFactor, kernel_size: 5, padding: 2);
        maskHead = nn.Conv2d(decoderDims, 1 * headFactor, kernel_size: 5, padding: 2);
        this.doubleResolution = doubleResolution;
        RegisterComponents();
    }

    public override (Tensor Face, Tensor Mask) forward(Tensor input)
    {
        var features = up3.forward(up2.forward(up1.forward(input)));
        return (Head(faceHead, features), Head(maskHead, features));
    }

    private Tensor Head(Conv2d head, Tensor features)
    {
        var output = PaddedConvolution.Forward(head, features);
        if (doubleResolution) output = nn.functional.pixel_shuffle(output, 2);
        return output.sigmoid();
    }

    /// <summary>The decoder in an ONNX graph: the face and mask outputs of <see cref="forward"/>.</summary>
    public (OnnxValue Face, OnnxValue Mask) Export(OnnxGraph graph, OnnxValue input)
    {
        var features = up3.Export(graph, up2.Export(graph, up1.Export(graph, input)));
        return (Head(graph, faceHead, features), Head(graph, maskHead, features));
    }

    private OnnxValue Head(OnnxGraph graph, Conv2d head, OnnxValue features)
    {
        var output = graph.Conv(head, features);
        if (doubleResolution) output = graph.PixelShuffle(output, 2);
        return graph.Sigmoid(output);
    }
}
