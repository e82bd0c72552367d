using FaceLab.Training.Export;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace FaceLab.Training.Layers;

/// <summary>Halves the resolution: conv 5×5 stride 2 (same padding) then LeakyReLU 0.1.</summary>
internal sealed class Downscale : nn.Module<Tensor, Tensor>, IOnnxLayer
{
    public const double Slope = 0.1;

    private readonly Conv2d conv;

    public Downscale(long inChannels, long outChannels, string name = nameof(Downscale)) : base(name)
    {
        conv = nn.Conv2d(inChannels, outChannels, kernel_size: 5, stride: 2, padding: 2);
        RegisterComponents();
    }

    public override Tensor forward(Tensor input) => LeakyRelu.Forward(PaddedConvolution.Forward(conv, input), Slope);

    public OnnxValue Export(OnnxGraph graph, OnnxValue input) => graph.LeakyRelu(graph.Conv(conv, input), Slope);
}
