using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace FaceLab.Training.Layers;

/// <summary>
/// Runs a <see cref="Conv2d"/> as itself, except while gradients are recorded on the CPU for a
/// stride-1 convolution whose input or output channels are not a multiple of <see cref="Block"/>:
/// then the filters (and, for the input side, the input) get zero channels up to multiples of 16 and
/// the extra outputs are dropped. The result is the same convolution. It exists because libtorch's
/// CPU backward (TorchSharp 0.107, libtorch 2.10, AVX2) returns wrong gradients for those shapes:
/// against float64, the input gradient of a 5×5 head with 1 or 3 outputs was 25–40 % off on every
/// call and sometimes NaN; 20 input channels also broke the weight gradient. Padded, they agree to
/// 1e-7 (see PaddedConvolutionTests). The weights keep their shapes, so checkpoints and exports are
/// untouched, and inference (no gradients) runs the plain convolution.
/// </summary>
internal static class PaddedConvolution
{
    /// <summary>The channel multiple the CPU backward computes correctly.</summary>
    public const int Block = 16;

    public static Tensor Forward(Conv2d conv, Tensor input)
    {
        Tensor weight = conv.weight!;
        if (!Affected(conv, input, weight)) return conv.forward(input);
        long outputs = weight.shape[0], inputs = weight.shape[1];
        long outputPad = PadTo(outputs), inputPad = PadTo(inputs);
        Tensor? bias = conv.bias;
        if (inputPad > 0)
        {
            input = cat([input, zeros([input.shape[0], inputPad, input.shape[2], input.shape[3]], input.dtype, input.device)], 1);
            weight = cat([weight, zeros([outputs, inputPad, weight.shape[2], weight.shape[3]], weight.dtype, weight.device)], 1);
        }
        if (outputPad > 0)
        {
            weight = cat([weight, zeros([outputPad, weight.shape[1], weight.shape[2], weight.shape[3]], weight.dtype, weight.device)], 0);
            if (bias is not null) bias = cat([bias, zeros([outputPad], bias.dtype, bias.device)], 0);
        }
        var output = nn.functional.conv2d(input, weight, bias, strides: conv.stride, padding: conv.padding, dilation: conv.dilation);
        return outputPad > 0 ? output.narrow(1, 0, outputs) : output;
    }

    private static bool Affected(Conv2d conv, Tensor input, Tensor weight) =>
        input.device_type == DeviceType.CPU
        && is_grad_enabled()
        && (weight.requires_grad || input.requires_grad)
        && conv.groups == 1
        && conv.padding_mode == PaddingModes.Zeros
        && conv.stride.All(s => s == 1)
        && conv.kernel_size.Any(k => k > 1)
        && (weight.shape[0] % Block != 0 || weight.shape[1] % Block != 0);

    /// <summary>How many zero channels bring <paramref name="channels"/> up to a multiple of <see cref="Block"/>.</summary>
    public static long PadTo(long channels) => (Block - channels % Block) % Block;
}
