using FaceLab.Training.Export;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace FaceLab.Training.Layers;

/// <summary>
/// SAEHD's bottleneck: dense to the face code (ae), dense to a low×low map, then one
/// <see cref="Upscale"/>; with <c>t</c> the map starts half as large and a <see cref="ResidualBlock"/>
/// and a second upscale follow. The output is always 1/8 of the inner resolution.
/// </summary>
internal sealed class SaehdInter : nn.Module<Tensor, Tensor>, IOnnxLayer
{
    private readonly Linear dense1, dense2;
    private readonly nn.Module<Tensor, Tensor> upscale;
    private readonly long channels, low;

    /// <param name="innerResolution">The resolution the decoders produce before any depth-to-space.</param>
    public SaehdInter(long inFeatures, int aeDims, int innerResolution, int channels, bool extraBlock, string name = nameof(SaehdInter)) : base(name)
    {
        low = innerResolution / (extraBlock ? 32 : 16);
        dense1 = nn.Linear(inFeatures, aeDims);
        dense2 = nn.Linear(aeDims, low * low * channels);
        upscale = extraBlock
            ? nn.Sequential(new Upscale(channels, channels), new ResidualBlock(channels), new Upscale(channels, channels))
            : new Upscale(channels, channels);
        this.channels = channels;
        RegisterComponents();
    }

    public override Tensor forward(Tensor code) =>
        upscale.forward(dense2.forward(dense1.forward(code)).view(-1, channels, low, low));

    public OnnxValue Export(OnnxGraph graph, OnnxValue code) =>
        graph.Layer(upscale, graph.Reshape(graph.Linear(dense2, graph.Linear(dense1, code)), -1, channels, low, low));
}
