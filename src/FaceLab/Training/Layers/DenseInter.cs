using FaceLab.Training.Export;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace FaceLab.Training.Layers;

/// <summary>
/// The bottleneck between encoder and decoder: dense to <c>aeDims</c> (the face code), dense to a
/// <c>low×low×interDims</c> map, reshaped, then one <see cref="Upscale"/> to <c>upscaleDims</c>.
/// </summary>
internal sealed class DenseInter : nn.Module<Tensor, Tensor>, IOnnxLayer
{
    private readonly Linear dense1, dense2;
    private readonly Upscale upscale;
    private readonly long interDims, low;

    public DenseInter(long inFeatures, int aeDims, int low, int interDims, int upscaleDims, string name = nameof(DenseInter))
        : base(name)
    {
        dense1 = nn.Linear(inFeatures, aeDims);
        dense2 = nn.Linear(aeDims, (long)low * low * interDims);
        upscale = new Upscale(interDims, upscaleDims);
        this.interDims = interDims;
        this.low = low;
        RegisterComponents();
    }

    public override Tensor forward(Tensor code) =>
        upscale.forward(dense2.forward(dense1.forward(code)).view(-1, interDims, low, low));

    public OnnxValue Export(OnnxGraph graph, OnnxValue code) =>
        upscale.Export(graph, graph.Reshape(graph.Linear(dense2, graph.Linear(dense1, code)), -1, interDims, low, low));
}
