using FaceLab.Training.Export;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace FaceLab.Training.Layers;

/// <summary>
/// Doubles the resolution: conv 3×3 to 4× the output channels, LeakyReLU 0.1, then pixel shuffle ×2
/// (depth-to-space), which trades the extra channels for a 2×2 block of pixels.
/// </summary>
internal sealed class Upscale : nn.Module<Tensor, Tensor>, IOnnxLayer
{
    private readonly Conv2d conv;

    public Upscale(long inChannels, long outChannels, string name = nameof(Upscale)) : base(name)
    {
        conv = nn.Conv2d(inChannels, outChannels * 4, kernel_size: 3, padding: 1);
        RegisterComponents();
    }

    public override Tensor forward(Tensor input) =>
        nn.functional.pixel_shuffle(LeakyRelu.Forward(PaddedConvolution.Forward(conv, input), Downscale.Slope), 2);

    public OnnxValue Export(OnnxGraph graph, OnnxValue input) =>
        graph.PixelShuffle(graph.LeakyRelu(graph.Conv(conv, input), Downscale.Slope), 2);
}
