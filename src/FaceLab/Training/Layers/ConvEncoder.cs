using FaceLab.Training.Export;
using TorchSharp;
using static TorchSharp.torch;

namespace FaceLab.Training.Layers;

/// <summary>
/// The shared encoder: four <see cref="Downscale"/> blocks at e, 2e, 4e and 8e channels (resolution
/// ÷16), optionally pixel-normalised, flattened to one code vector per face.
/// </summary>
internal sealed class ConvEncoder : nn.Module<Tensor, Tensor>, IOnnxLayer
{
    private readonly Downscale down1, down2, down3, down4;
    private readonly bool pixelNorm;

    /// <param name="inChannels">Channels of the input: 3, or 9 for three video frames stacked.</param>
    public ConvEncoder(int encoderDims, bool pixelNorm = false, string name = nameof(ConvEncoder), int inChannels = 3) : base(name)
    {
        down1 = new Downscale(inChannels, encoderDims);
        down2 = new Downscale(encoderDims, encoderDims * 2);
        down3 = new Downscale(encoderDims * 2, encoderDims * 4);
        down4 = new Downscale(encoderDims * 4, encoderDims * 8);
        this.pixelNorm = pixelNorm;
        RegisterComponents();
    }

    /// <summary>Code length for an input of <paramref name="resolution"/> pixels.</summary>
    public static long OutputFeatures(int encoderDims, int resolution) =>
        encoderDims * 8L * (resolution / 16) * (resolution / 16);

    public override Tensor forward(Tensor input)
    {
        var features = down4.forward(down3.forward(down2.forward(down1.forward(input))));
        if (pixelNorm) features = PixelNorm.Apply(features);
        return features.flatten(1);
    }

    public OnnxValue Export(OnnxGraph graph, OnnxValue input)
    {
        var features = down4.Export(graph, down3.Export(graph, down2.Export(graph, down1.Export(graph, input))));
        if (pixelNorm) features = PixelNorm.Export(graph, features);
        return graph.Flatten(features);
    }
}
