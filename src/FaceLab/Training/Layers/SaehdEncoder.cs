using FaceLab.Training.Export;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace FaceLab.Training.Layers;

/// <summary>
/// SAEHD's encoder: <see cref="Downscale"/> blocks at e, 2e, 4e and 8e channels (resolution ÷16);
/// with <c>t</c> one more at 8e and a <see cref="ResidualBlock"/> (÷32); with <c>u</c> the map is
/// pixel-normalised; flattened to one code vector per face.
/// </summary>
internal sealed class SaehdEncoder : nn.Module<Tensor, Tensor>, IOnnxLayer
{
    private readonly Sequential layers;
    private readonly bool pixelNorm;

    public SaehdEncoder(int encoderDims, bool extraBlock, bool pixelNorm, string name = nameof(SaehdEncoder)) : base(name)
    {
        var blocks = new List<nn.Module<Tensor, Tensor>>
        {
            new Downscale(3, encoderDims), new Downscale(encoderDims, encoderDims * 2),
            new Downscale(encoderDims * 2, encoderDims * 4), new Downscale(encoderDims * 4, encoderDims * 8),
        };
        if (extraBlock) blocks.AddRange([new Downscale(encoderDims * 8, encoderDims * 8), new ResidualBlock(encoderDims * 8)]);
        layers = nn.Sequential([.. blocks]);
        this.pixelNorm = pixelNorm;
        RegisterComponents();
    }

    /// <summary>Code length for an input of <paramref name="resolution"/> pixels.</summary>
    public static long OutputFeatures(int encoderDims, int resolution, bool extraBlock)
    {
        var side = resolution / (extraBlock ? 32 : 16);
        return encoderDims * 8L * side * side;
    }

    public override Tensor forward(Tensor input)
    {
        var features = layers.forward(input);
        if (pixelNorm) features = PixelNorm.Apply(features);
        return features.flatten(1);
    }

    public OnnxValue Export(OnnxGraph graph, OnnxValue input)
    {
        var features = graph.Layer(layers, input);
        if (pixelNorm) features = PixelNorm.Export(graph, features);
        return graph.Flatten(features);
    }
}
