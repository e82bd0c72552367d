namespace FaceLab.Faces.Detection.Mtcnn;

/// <summary>A 2-D convolution, stride 1, 'valid' padding; weights in TF order [rows, cols, in, out].</summary>
internal sealed record ConvLayer(int KernelRows, int KernelCols, int InChannels, int OutChannels, float[] Weights, float[] Bias)
{
    public FeatureMap Apply(FeatureMap input)
    {
        var output = new FeatureMap(input.Rows - KernelRows + 1, input.Cols - KernelCols + 1, OutChannels);
        // One kernel row covers KernelCols·InChannels consecutive input values and the matching
        // consecutive weight rows, so the inner loop walks both linearly.
        var rowLength = KernelCols * InChannels;
        var data = input.Data;
        var weights = Weights.AsSpan();
        for (var r = 0; r < output.Rows; r++)
        {
            for (var c = 0; c < output.Cols; c++)
            {
                var acc = output.At(r, c);
                Bias.CopyTo(acc);
                for (var kr = 0; kr < KernelRows; kr++)
                {
                    var inputStart = ((r + kr) * input.Cols + c) * InChannels;
                    var weightStart = kr * rowLength * OutChannels;
                    for (var k = 0; k < rowLength; k++)
                        VectorMath.MultiplyAdd(acc, weights.Slice(weightStart + k * OutChannels, OutChannels), data[inputStart + k]);
                }
            }
        }
        return output;
    }
}
