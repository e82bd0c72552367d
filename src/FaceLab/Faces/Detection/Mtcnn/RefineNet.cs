namespace FaceLab.Faces.Detection.Mtcnn;

/// <summary>
/// MTCNN's R-net on 24×24 patches: conv3×3(28) PReLU maxpool3/2 (same) conv3×3(48) PReLU
/// maxpool3/2 (valid) conv2×2(64) PReLU, dense 576→128 PReLU, heads: score, box offsets.
/// </summary>
internal sealed class RefineNet(MtcnnWeights weights) : IDisposable
{
    public const int InputSize = 24;

    private readonly ConvLayer _conv1 = weights.Conv("rnet/conv1");
    private readonly float[] _prelu1 = weights.Vector("rnet/prelu1_alpha");
    private readonly ConvLayer _conv2 = weights.Conv("rnet/conv2");
    private readonly float[] _prelu2 = weights.Vector("rnet/prelu2_alpha");
    private readonly ConvLayer _conv3 = weights.Conv("rnet/conv3");
    private readonly float[] _prelu3 = weights.Vector("rnet/prelu3_alpha");
    private readonly DenseLayer _fc1 = weights.Dense("rnet/fc1");
    private readonly float[] _prelu4 = weights.Vector("rnet/prelu4_alpha");
    private readonly DenseLayer _scoreHead = weights.Dense("rnet/fc2_1");
    private readonly DenseLayer _regionHead = weights.Dense("rnet/fc2_2");

    public (float Score, float[] Region) Forward(FeatureMap patch)
    {
        var x = _conv1.Apply(patch);
        Activations.PRelu(x.Data, _prelu1);
        x = Activations.MaxPool(x, kernel: 3, stride: 2, samePadding: true);
        x = _conv2.Apply(x);
        Activations.PRelu(x.Data, _prelu2);
        x = Activations.MaxPool(x, kernel: 3, stride: 2, samePadding: false);
        x = _conv3.Apply(x);
        Activations.PRelu(x.Data, _prelu3);

        var features = _fc1.Apply(x.Data);
        Activations.PRelu(features, _prelu4);
        var logits = _scoreHead.Apply(features);
        return (Activations.SecondClassProbability(logits[0], logits[1]), _regionHead.Apply(features));
    }

    public void Dispose()
    {
        _conv1.Dispose();
        _conv2.Dispose();
        _conv3.Dispose();
    }
}
