using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace FaceLab.Training.Layers;

/// <summary>Two 3×3 convolutions whose output is added to the input, LeakyReLU 0.2 after each: refines features without changing their size.</summary>
internal sealed class ResidualBlock : nn.Module<Tensor, Tensor>
{
    private readonly Conv2d conv1, conv2;

    public ResidualBlock(long channels, string name = nameof(ResidualBlock)) : base(name)
    {
        conv1 = nn.Conv2d(channels, channels, kernel_size: 3, padding: 1);
        conv2 = nn.Conv2d(channels, channels, kernel_size: 3, padding: 1);
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        var x = nn.functional.leaky_relu(conv1.forward(input), 0.2);
        return nn.functional.leaky_relu(conv2.forward(x) + input, 0.2);
    }
}
