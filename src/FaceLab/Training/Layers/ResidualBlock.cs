using FaceLab.Training.Export;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace FaceLab.Training.Layers;

/// <summary>Two 3×3 convolutions whose output is added to the input, LeakyReLU 0.2 after each: refines features without changing their size.</summary>
internal sealed class ResidualBlock : nn.Module<Tensor, Tensor>, IOnnxLayer
{
    private const double Slope = 0.2;

    private readonly Conv2d conv1, conv2;

    public ResidualBlock(long channels, string name = nameof(ResidualBlock)) : base(name)
    {
        conv1 = nn.Conv2d(channels, channels, kernel_size: 3, padding: 1);
        conv2 = nn.Conv2d(channels, channels, kernel_size: 3, padding: 1);
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        var x = LeakyRelu.Forward(PaddedConvolution.Forward(conv1, input), Slope);
        return LeakyRelu.Forward(PaddedConvolution.Forward(conv2, x) + input, Slope);
    }

    public OnnxValue Export(OnnxGraph graph, OnnxValue input)
    {
        var x = graph.LeakyRelu(graph.Conv(conv1, input), Slope);
        return graph.LeakyRelu(graph.Add(graph.Conv(conv2, x), input), Slope);
    }
}
