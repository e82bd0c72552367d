namespace FaceLab.Faces.Detection.Mtcnn;

/// <summary>
/// MTCNN's O-net on 48×48 patches: conv3×3(32) PReLU maxpool3/2 (same) conv3×3(64) PReLU
/// maxpool3/2 (valid) conv3×3(64) PReLU maxpool2/2 (same) conv2×2(128) PReLU, dense 1152→256
/// PReLU, heads: score, box offsets, 5 points (5 x then 5 y, relative to the box).
/// </summary>
internal sealed class OutputNet(MtcnnWeights weights) : IDisposable
{
    public const int InputSize = 48;

    private readonly ConvLayer _conv1 = weights.Conv("onet/conv1");
    private readonly float[] _prelu1 = weights.Vector("onet/prelu1_alpha");
    private readonly ConvLayer _conv2 = weights.Conv("onet/conv2");
    private readonly float[] _prelu2 = weights.Vector("onet/prelu2_alpha");
    private readonly ConvLayer _conv3 = weights.Conv("onet/conv3");
    private readonly float[] _prelu3 = weights.Vector("onet/prelu3_alpha");
    private readonly ConvLayer _conv4 = weights.Conv("onet/conv4");
    private readonly float[] _prelu4 = weights.Vector("onet/prelu4_alpha");
    private readonly DenseLayer _fc1 = weights.Dense("onet/fc1");
    private readonly float[] _prelu5 = weights.Vector("onet/prelu5_alpha");
    private readonly DenseLayer _scoreHead = weights.Dense("onet/fc2_1");
    private readonly DenseLayer _regionHead = weights.Dense("onet/fc2_2");
    private readonly DenseLayer _pointsHead = weights.Dense("onet/fc2_3");

    public (float Score, float[] Region, float[] Points) Forward(FeatureMap patch)
    {
        var x = _conv1.Apply(patch);
        Activations.PRelu(x.Data, _prelu1);
        x = Activations.MaxPool(x, kernel: 3, stride: 2, samePadding: true);
        x = _conv2.Apply(x);
        Activations.PRelu(x.Data, _prelu2);
        x = Activations.MaxPool(x, kernel: 3, stride: 2, samePadding: false);
        x = _conv3.Apply(x);
        Activations.PRelu(x.Data, _prelu3);
        x = Activations.MaxPool(x, kernel: 2, stride: 2, samePadding: true);
        x = _conv4.Apply(x);
        Activations.PRelu(x.Data, _prelu4);

        var features = _fc1.Apply(x.Data);
        Activations.PRelu(features, _prelu5);
        var logits = _scoreHead.Apply(features);
        return (Activations.SecondClassProbability(logits[0], logits[1]), _regionHead.Apply(features), _pointsHead.Apply(features));
    }

    public void Dispose()
    {
        _conv1.Dispose();
        _conv2.Dispose();
        _conv3.Dispose();
        _conv4.Dispose();
    }
}
