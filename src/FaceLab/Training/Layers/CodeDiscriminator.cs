using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace FaceLab.Training.Layers;

/// <summary>
/// SAEHD's true-face discriminator: tells src codes (bottleneck maps) from dst codes. Two 3×3
/// convolutions (the second stride 2), LeakyReLU 0.2, global average, one logit per face.
/// </summary>
internal sealed class CodeDiscriminator : nn.Module<Tensor, Tensor>
{
    private readonly Conv2d conv1, conv2;
    private readonly Linear head;

    public CodeDiscriminator(int channels, int width, string name = nameof(CodeDiscriminator)) : base(name)
    {
        conv1 = nn.Conv2d(channels, width, kernel_size: 3, padding: 1);
        conv2 = nn.Conv2d(width, width, kernel_size: 3, stride: 2, padding: 1);
        head = nn.Linear(width, 1);
        RegisterComponents();
    }

    public override Tensor forward(Tensor code)
    {
        var x = LeakyRelu.Forward(PaddedConvolution.Forward(conv1, code), 0.2);
        x = LeakyRelu.Forward(PaddedConvolution.Forward(conv2, x), 0.2);
        return head.forward(x.mean([2, 3]));
    }
}
