namespace FaceLab.Faces.Detection.Mtcnn;

/// <summary>
/// MTCNN's P-net: fully convolutional, one 12×12 window per output cell (stride 2).
/// conv3×3(10) PReLU maxpool2 (same) conv3×3(16) PReLU conv3×3(32) PReLU, then 1×1 heads.
/// </summary>
internal sealed class ProposalNet(MtcnnWeights weights) : IDisposable
{
    private readonly ConvLayer _conv1 = weights.Conv("pnet/conv1");
    private readonly float[] _prelu1 = weights.Vector("pnet/prelu1_alpha");
    private readonly ConvLayer _conv2 = weights.Conv("pnet/conv2");
    private readonly float[] _prelu2 = weights.Vector("pnet/prelu2_alpha");
    private readonly ConvLayer _conv3 = weights.Conv("pnet/conv3");
    private readonly float[] _prelu3 = weights.Vector("pnet/prelu3_alpha");
    private readonly ConvLayer _scoreHead = weights.Conv("pnet/conv4_1");
    private readonly ConvLayer _regionHead = weights.Conv("pnet/conv4_2");

    /// <summary>Face probability per cell (1 channel) and box offsets per cell (4 channels).</summary>
    public (FeatureMap Scores, FeatureMap Regions) Forward(FeatureMap input)
    {
        var x = _conv1.Apply(input);
        Activations.PRelu(x.Data, _prelu1);
        x = Activations.MaxPool(x, kernel: 2, stride: 2, samePadding: true);
        x = _conv2.Apply(x);
        Activations.PRelu(x.Data, _prelu2);
        x = _conv3.Apply(x);
        Activations.PRelu(x.Data, _prelu3);

        var logits = _scoreHead.Apply(x);
        var scores = new FeatureMap(logits.Rows, logits.Cols, 1);
        for (var i = 0; i < scores.Data.Length; i++)
            scores.Data[i] = Activations.SecondClassProbability(logits.Data[2 * i], logits.Data[2 * i + 1]);
        return (scores, _regionHead.Apply(x));
    }

    public void Dispose()
    {
        _conv1.Dispose();
        _conv2.Dispose();
        _conv3.Dispose();
        _scoreHead.Dispose();
        _regionHead.Dispose();
    }
}
