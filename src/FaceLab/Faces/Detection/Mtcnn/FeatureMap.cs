namespace FaceLab.Faces.Detection.Mtcnn;

/// <summary>A feature map in TF's NHWC order without the batch: <c>Data[(row·Cols + col)·Channels + channel]</c>.</summary>
internal sealed class FeatureMap(int rows, int cols, int channels)
{
    public int Rows { get; } = rows;
    public int Cols { get; } = cols;
    public int Channels { get; } = channels;
    public float[] Data { get; } = new float[rows * cols * channels];

    public Span<float> At(int row, int col) => Data.AsSpan((row * Cols + col) * Channels, Channels);
}
