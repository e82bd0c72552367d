using FaceLab.Training.Layers;
using FaceLab.Training.Models;
using TorchSharp;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace FaceLab.Tests.Training.Layers;

/// <summary>
/// The gradients of our convolutions in float32 against the same computation in float64. libtorch's
/// CPU backward is wrong for stride-1 convolutions whose channels are not multiples of 16 (every
/// model's face and mask heads); <see cref="PaddedConvolution"/> must give the float64 answer.
/// </summary>
public sealed class PaddedConvolutionTests(ITestOutputHelper output)
{
    private const int Trials = 5;
    private const double Tolerance = 1e-4;

    /// <summary>A model's 5×5 heads (1 and 3 outputs), a 3×3 with 12 outputs, and 20 input channels (which break the weight gradient too).</summary>
    [Theory]
    [InlineData(16, 1, 5, 64)]
    [InlineData(16, 3, 5, 64)]
    [InlineData(64, 3, 5, 64)]
    [InlineData(16, 12, 3, 64)]
    [InlineData(20, 32, 3, 64)]
    public void Float32_gradients_equal_float64_through_the_padded_convolution(int inputs, int outputs, int kernel, int size)
    {
        using var conv = nn.Conv2d(inputs, outputs, kernel, padding: kernel / 2);
        using var reference = nn.Conv2d(inputs, outputs, kernel, padding: kernel / 2);
        reference.to(float64);
        var (rawWrong, worst) = (0, 0.0);
        for (var trial = 0; trial < Trials; trial++)
        {
            using var scope = NewDisposeScope();
            random.manual_seed(trial);
            using (no_grad())
            {
                reference.weight!.copy_(conv.weight!.to(float64));
                reference.bias!.copy_(conv.bias!.to(float64));
            }
            var x = rand(4, inputs, size, size).requires_grad_(true);
            var x64 = x.detach().to(float64).requires_grad_(true);
            var target = rand(4, outputs, size, size);

            conv.zero_grad();
            var y = PaddedConvolution.Forward(conv, x);
            (y - target).square().mean().backward();
            reference.zero_grad();
            (reference.forward(x64) - target.to(float64)).square().mean().backward();

            Assert.Equal(new long[] { 4, outputs, size, size }, y.shape);
            using (no_grad())
            {
                // The forward pass is the plain convolution's.
                Assert.True(RelativeError(y, reference.forward(x64)) < Tolerance, "forward differs");
            }
            var inputError = RelativeError(x.grad!, x64.grad!);
            var weightError = RelativeError(conv.weight!.grad!, reference.weight!.grad!);
            var biasError = RelativeError(conv.bias!.grad!, reference.bias!.grad!);
            worst = Math.Max(worst, Math.Max(inputError, Math.Max(weightError, biasError)));
            Assert.True(inputError < Tolerance, $"trial {trial}: input gradient {inputError:E2} off");
            Assert.True(weightError < Tolerance, $"trial {trial}: weight gradient {weightError:E2} off");
            Assert.True(biasError < Tolerance, $"trial {trial}: bias gradient {biasError:E2} off");

            // What the plain convolution gives on this machine, for the record (not asserted: it depends on the CPU).
            conv.zero_grad();
            var xRaw = x.detach().requires_grad_(true);
            (conv.forward(xRaw) - target).square().mean().backward();
            var rawError = RelativeError(xRaw.grad!, x64.grad!);
            if (!(rawError < Tolerance)) rawWrong++;
        }
        output.WriteLine($"{inputs}->{outputs} {kernel}x{kernel} at {size} px: padded worst relative error {worst:E2}; plain convolution's input gradient wrong in {rawWrong} of {Trials} trials");
    }

    [Fact]
    public void Inference_and_stride_2_run_the_plain_convolution()
    {
        using var head = nn.Conv2d(16, 3, 5, padding: 2);
        using var down = nn.Conv2d(16, 3, 5, stride: 2, padding: 2);
        using var x = rand(1, 16, 32, 32);
        using (no_grad())
        {
            using var plain = head.forward(x);
            using var padded = PaddedConvolution.Forward(head, x);
            Assert.True(padded.is_contiguous(), "inference output should be the plain convolution's own tensor");
            Assert.True(plain.allclose(padded, 0, 0));
        }
        using var strided = PaddedConvolution.Forward(down, x);
        using var plainStrided = down.forward(x);
        Assert.True(plainStrided.allclose(strided, 0, 0));
    }

    /// <summary>
    /// A whole model: AVATAR (64 px: both decoders' heads, the temporal encoder) and DF's float32 weight
    /// gradients against a float64 copy of the same weights on the same batch.
    /// </summary>
    [Theory]
    [InlineData("AVATAR")]
    [InlineData("DF")]
    public void A_models_float32_gradients_equal_its_float64_copys(string type)
    {
        var definition = ModelRegistry.Get(type);
        var options = definition.Preset(ModelPresets.Tiny);
        using var model = definition.Create(options, seed: 5);
        using var copy = definition.Create(options, seed: 5);
        copy.to(float64);
        using var scope = NewDisposeScope();
        random.manual_seed(11);
        var channels = 3 * model.TemporalFrames;
        var (input, resolution) = (model.InputResolution, model.Resolution);
        var source = rand(4, channels, input, input);
        var destination = rand(4, channels, input, input);
        var targets = rand(4, 3, resolution, resolution);

        Tensor Loss(FaceSwapModel m, ScalarType type)
        {
            var pair = m.Reconstruct(source.to(type), destination.to(type));
            return (pair.Source.Face - targets.to(type)).square().mean() + (pair.Destination.Face - targets.to(type)).square().mean()
                + pair.Source.Mask.mean() + pair.Destination.Mask.mean();
        }

        Loss(model, float32).backward();
        Loss(copy, float64).backward();
        var worst = model.named_parameters().Zip(copy.named_parameters())
            .Select(p => (Name: p.First.name, Error: RelativeError(p.First.parameter.grad!, p.Second.parameter.grad!)))
            .MaxBy(p => p.Error);
        output.WriteLine($"{type}: worst parameter gradient {worst.Name}, relative error {worst.Error:E2}");
        Assert.True(worst.Error < 1e-3, $"{worst.Name}'s gradient is {worst.Error:E2} off its float64 value");
    }

    /// <summary>Largest absolute difference over the reference's largest magnitude; NaN anywhere gives NaN (which fails every bound).</summary>
    private static double RelativeError(Tensor value, Tensor reference)
    {
        using var scope = NewDisposeScope();
        var difference = (value.to(float64) - reference.to(float64)).abs().max().item<double>();
        return difference / Math.Max(reference.abs().max().item<double>(), 1e-30);
    }
}
