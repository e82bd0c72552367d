namespace FaceLab.Faces.Landmarks;

/// <summary>A float feature map in height × width × channels order, TF's NHWC with N = 1.</summary>
internal sealed class HwcTensor(int height, int width, int channels)
{
    public int Height { get; } = height;

    public int Width { get; } = width;

    public int Channels { get; } = channels;

    public float[] Values { get; } = new float[height * width * channels];

    public int Offset(int y, int x) => (y * Width + x) * Channels;
}
