using OpenCvSharp;

namespace FaceLab.Faces.Detection.Mtcnn;

/// <summary>A 2-D convolution, stride 1, 'valid' padding; weights in TF order [rows, cols, in, out].</summary>
internal sealed class ConvLayer : IDisposable
{
    private readonly int _kernelRows;
    private readonly int _kernelCols;
    private readonly int _inChannels;
    private readonly int _outChannels;

    // [K + 1, out]: the TF weight tensor read as a matrix (K = rows·cols·in) plus the bias as a last row.
    private readonly Mat _weightsWithBias;

    public ConvLayer(int kernelRows, int kernelCols, int inChannels, int outChannels, float[] weights, float[] bias)
    {
        (_kernelRows, _kernelCols, _inChannels, _outChannels) = (kernelRows, kernelCols, inChannels, outChannels);
        var k = kernelRows * kernelCols * inChannels;
        _weightsWithBias = new Mat(k + 1, outChannels, MatType.CV_32FC1);
        var target = _weightsWithBias.AsSpan<float>();
        weights.AsSpan(0, k * outChannels).CopyTo(target);
        bias.CopyTo(target[(k * outChannels)..]);
    }

    /// <summary>
    /// im2col then one matrix product (OpenCV's optimised GEMM): each output pixel is a row of its
    /// receptive field (kernel rows are contiguous in NHWC) followed by a 1 for the bias.
    /// </summary>
    public FeatureMap Apply(FeatureMap input)
    {
        var output = new FeatureMap(input.Rows - _kernelRows + 1, input.Cols - _kernelCols + 1, _outChannels);
        var rowLength = _kernelCols * _inChannels;
        var k = _kernelRows * rowLength;
        using var columns = new Mat(output.Rows * output.Cols, k + 1, MatType.CV_32FC1);
        var matrix = columns.AsSpan<float>();
        var data = input.Data.AsSpan();
        for (int r = 0, row = 0; r < output.Rows; r++)
        {
            for (var c = 0; c < output.Cols; c++, row++)
            {
                var target = matrix.Slice(row * (k + 1), k + 1);
                for (var kr = 0; kr < _kernelRows; kr++)
                    data.Slice(((r + kr) * input.Cols + c) * _inChannels, rowLength).CopyTo(target[(kr * rowLength)..]);
                target[k] = 1f;
            }
        }
        using var product = new Mat();
        using var noAddend = new Mat();
        Cv2.Gemm(columns, _weightsWithBias, 1, noAddend, 0, product);
        product.AsSpan<float>().CopyTo(output.Data);
        return output;
    }

    public void Dispose() => _weightsWithBias.Dispose();
}
