using FaceLab.Training.Export;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace FaceLab.Training.Layers;

/// <summary>
/// One identity's renderer of AVATAR's shared code: dense to a <c>low×low×interDims</c> map, one
/// <see cref="Upscale"/>, then a <see cref="FaceDecoder"/> (three more upscales and the face and
/// mask heads): the output is 16·<c>low</c> pixels wide.
/// </summary>
internal sealed class AvatarDecoder : nn.Module<Tensor, (Tensor Face, Tensor Mask)>
{
    private readonly Linear dense;
    private readonly Upscale upscale;
    private readonly FaceDecoder decoder;
    private readonly long interDims, low;

    public AvatarDecoder(int aeDims, int low, int interDims, int decoderDims, string name) : base(name)
    {
        dense = nn.Linear(aeDims, (long)low * low * interDims);
        upscale = new Upscale(interDims, interDims);
        decoder = new FaceDecoder(interDims, decoderDims);
        this.interDims = interDims;
        this.low = low;
        RegisterComponents();
    }

    public override (Tensor Face, Tensor Mask) forward(Tensor code) =>
        decoder.forward(upscale.forward(dense.forward(code).view(-1, interDims, low, low)));

    public (OnnxValue Face, OnnxValue Mask) Export(OnnxGraph graph, OnnxValue code) =>
        decoder.Export(graph, upscale.Export(graph, graph.Reshape(graph.Linear(dense, code), -1, interDims, low, low)));
}
