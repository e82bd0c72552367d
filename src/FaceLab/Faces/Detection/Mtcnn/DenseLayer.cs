namespace FaceLab.Faces.Detection.Mtcnn;

/// <summary>A fully connected layer; weights in TF order [in, out].</summary>
internal sealed record DenseLayer(int Inputs, int Outputs, float[] Weights, float[] Bias)
{
    public float[] Apply(ReadOnlySpan<float> input)
    {
        var output = (float[])Bias.Clone();
        for (var i = 0; i < Inputs; i++)
            VectorMath.MultiplyAdd(output, Weights.AsSpan(i * Outputs, Outputs), input[i]);
        return output;
    }
}
