using FaceLab.Common;
using FaceLab.Faces.Landmarks;
using FaceLab.Faces.Networks;
using OpenCvSharp;

namespace FaceLab.Evaluation;

/// <summary>
/// face-api.js's FaceRecognitionNet, a port of dlib's face recognition ResNet: a 150×150 RGB face
/// chip (see <see cref="RecognitionChip"/>) to a 128-d descriptor; faces of one person lie within
/// about 0.6 of each other (Euclidean). A 7×7/2 convolution and a 3×3/2 max pool, then residual
/// blocks of two 3×3 convolutions at 32, 64, 128 and 256 channels (each width opened by a strided
/// block), a global average and a linear layer. Every convolution is followed by a per-channel
/// scale and shift (dlib's affine layer, in place of batch norm). Weights are read-only after
/// loading, so one instance serves all threads.
/// </summary>
internal sealed class FaceRecognitionNet
{
    public const int InputSize = 150;

    private static readonly LoadedOnce<FaceRecognitionNet> SharedNets = new(Load);

    // dlib's input layer (and face-api.js after it) subtracts these RGB means and divides by 255.
    private static readonly float[] MeanRgb = [122.782f, 117.001f, 104.298f];

    private readonly TfjsWeights weights;
    private readonly float[] noBias;

    private FaceRecognitionNet(TfjsWeights weights)
    {
        this.weights = weights;
        noBias = new float[weights["fc"].Shape[^1]]; // also fails at load when the manifest is another net's
    }

    /// <summary>Length of a descriptor.</summary>
    public int DescriptorLength => noBias.Length;

    public static FaceRecognitionNet Load(string manifestPath) => new(TfjsWeights.Load(manifestPath));

    /// <summary>The net at <paramref name="manifestPath"/>, loaded once per process.</summary>
    public static FaceRecognitionNet LoadShared(string manifestPath) => SharedNets.Get(manifestPath);

    /// <summary>The descriptor of a <see cref="InputSize"/>² BGR face chip.</summary>
    public FaceDescriptor Describe(Mat chip)
    {
        if (chip.Width != InputSize || chip.Height != InputSize)
            throw new FaceLabException("face recognition", $"expected a {InputSize}×{InputSize} face chip, got {chip.Width}×{chip.Height}", null);
        var x = TfBilinearCrop.Sample(chip, new Rect(0, 0, InputSize, InputSize), InputSize, MeanRgb, 1f / 255);
        x = TfConvolution.MaxPool(Convolution(x, "conv32_down", stride: 2, relu: true, valid: true), kernel: 3, stride: 2);
        x = Blocks(x, "conv32_1", "conv32_2", "conv32_3");
        x = Blocks(DownBlock(x, "conv64_down"), "conv64_1", "conv64_2", "conv64_3");
        x = Blocks(DownBlock(x, "conv128_down"), "conv128_1", "conv128_2");
        x = Blocks(DownBlock(x, "conv256_down"), "conv256_1", "conv256_2");
        x = DownBlock(x, "conv256_down_out");
        return new FaceDescriptor(TfConvolution.Dense(TfConvolution.GlobalAverage(x), W("fc"), noBias));
    }

    private HwcTensor Blocks(HwcTensor x, params string[] blocks)
    {
        foreach (var block in blocks)
        {
            var residual = Convolution(Convolution(x, $"{block}/conv1", 1, relu: true), $"{block}/conv2", 1, relu: false);
            x = TfConvolution.AddRelu(residual, x);
        }
        return x;
    }

    /// <summary>
    /// A block that halves the size: its first convolution is strided ('valid'), the shortcut a 2×2
    /// average pool. Where the two sizes differ the residual gains a zero row and column at the
    /// bottom right; where the shortcut has fewer channels, its missing channels are zero.
    /// </summary>
    private HwcTensor DownBlock(HwcTensor x, string block)
    {
        var residual = Convolution(Convolution(x, $"{block}/conv1", 2, relu: true, valid: true), $"{block}/conv2", 1, relu: false);
        var shortcut = TfConvolution.AveragePool2x2(x);
        var output = new HwcTensor(shortcut.Height, shortcut.Width, residual.Channels);
        for (var y = 0; y < output.Height; y++)
            for (var xx = 0; xx < output.Width; xx++)
            {
                var target = output.Values.AsSpan(output.Offset(y, xx), output.Channels);
                if (y < residual.Height && xx < residual.Width)
                    residual.Values.AsSpan(residual.Offset(y, xx), residual.Channels).CopyTo(target);
                var pooled = shortcut.Values.AsSpan(shortcut.Offset(y, xx), shortcut.Channels);
                for (var c = 0; c < pooled.Length; c++) target[c] += pooled[c];
            }
        return TfConvolution.Relu(output);
    }

    /// <summary>Convolution plus bias, then dlib's per-channel affine, then optionally ReLU.</summary>
    private HwcTensor Convolution(HwcTensor x, string layer, int stride, bool relu, bool valid = false)
    {
        var filters = weights[$"{layer}/conv/filters"];
        var output = TfConvolution.Conv2D(x, filters.Values, W($"{layer}/conv/bias"), kernel: filters.Shape[0], stride, valid);
        var scale = W($"{layer}/scale/weights");
        var shift = W($"{layer}/scale/biases");
        var v = output.Values;
        for (var i = 0; i < v.Length; i++)
        {
            var c = i % scale.Length;
            var value = v[i] * scale[c] + shift[c];
            v[i] = relu ? Math.Max(value, 0f) : value;
        }
        return output;
    }

    private float[] W(string name) => weights[name].Values;
}
