using OpenCvSharp;
using FaceLab.Faces.Networks;

namespace FaceLab.Faces.Landmarks;

/// <summary>
/// face-api.js's 68-point landmark net (FaceLandmark68Net): a 112×112 RGB crop through four dense
/// blocks of (separable) convolutions (32, 64, 128, 256 channels, each halving the size), a global
/// average pool and a fully connected layer to 136 values: x, y of each point as fractions of the
/// crop. Weights are read-only after loading, so one instance serves all threads.
/// </summary>
internal sealed class FaceApiLandmarkNet
{
    public const int InputSize = 112;

    private static readonly LoadedOnce<FaceApiLandmarkNet> SharedNets = new(Load);

    // face-api.js subtracts these per-channel RGB means and divides by 255.
    private static readonly float[] MeanRgb = [122.782f, 117.001f, 104.298f];

    private static readonly string[] Blocks = ["dense0", "dense1", "dense2", "dense3"];

    private readonly TfjsWeights weights;

    private FaceApiLandmarkNet(TfjsWeights weights)
    {
        this.weights = weights;
        _ = weights["fc/weights"]; // fail at load, not at the first face, when the manifest is another net's
    }

    /// <summary>Loads the net from its TF.js manifest (the .bin shard beside it).</summary>
    public static FaceApiLandmarkNet Load(string manifestPath) => new(TfjsWeights.Load(manifestPath));

    /// <summary>The net at <paramref name="manifestPath"/>, loaded once per process.</summary>
    public static FaceApiLandmarkNet LoadShared(string manifestPath) => SharedNets.Get(manifestPath);

    /// <summary>The 68 points, in image pixels, for the square crop <paramref name="square"/> of <paramref name="bgr"/> (zero outside the image).</summary>
    public Point2d[] Predict(Mat bgr, Rect square)
    {
        var input = TfBilinearCrop.Sample(bgr, square, InputSize, MeanRgb, 1f / 255);
        var output = Forward(input);
        var points = new Point2d[output.Length / 2];
        for (var i = 0; i < points.Length; i++)
            points[i] = new Point2d(square.X + output[2 * i] * square.Width, square.Y + output[2 * i + 1] * square.Height);
        return points;
    }

    private float[] Forward(HwcTensor input)
    {
        var x = input;
        for (var b = 0; b < Blocks.Length; b++) x = DenseBlock(x, Blocks[b], isFirst: b == 0);
        return TfConvolution.Dense(TfConvolution.GlobalAverage(x), W("fc/weights"), W("fc/bias"));
    }

    /// <summary>
    /// face-api's "dense block": a strided conv, then three separable convs each fed the ReLU of
    /// the sum of all earlier outputs in the block (DenseNet-style), the block's output being the
    /// ReLU of the sum of all four.
    /// </summary>
    private HwcTensor DenseBlock(HwcTensor input, string block, bool isFirst)
    {
        var out1 = TfConvolution.Relu(isFirst
            ? TfConvolution.Conv2D(input, W($"{block}/conv0/filters"), W($"{block}/conv0/bias"), kernel: 3, stride: 2)
            : Separable(input, $"{block}/conv0", stride: 2));
        var out2 = Separable(out1, $"{block}/conv1", stride: 1);
        var out3 = Separable(TfConvolution.AddRelu(out1, out2), $"{block}/conv2", stride: 1);
        var out4 = Separable(TfConvolution.AddRelu(out1, out2, out3), $"{block}/conv3", stride: 1);
        return TfConvolution.AddRelu(out1, out2, out3, out4);
    }

    private HwcTensor Separable(HwcTensor input, string layer, int stride) =>
        TfConvolution.SeparableConv2D(input, W($"{layer}/depthwise_filter"), W($"{layer}/pointwise_filter"), W($"{layer}/bias"), stride);

    private float[] W(string name) => weights[name].Values;
}
