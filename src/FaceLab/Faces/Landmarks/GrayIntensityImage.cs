using FaceLab.Common;
using OpenCvSharp;

namespace FaceLab.Faces.Landmarks;

/// <summary>
/// Reads single-pixel intensities from an 8-bit BGR or grey image without converting the whole
/// frame: dlib's predictor samples only a few thousand pixels a face. Intensity of a colour pixel
/// is dlib's (r + g + b) / 3 with integer division, as its models were trained with.
/// </summary>
internal readonly struct GrayIntensityImage
{
    private readonly Mat.UnsafeIndexer<Vec3b>? colour;
    private readonly Mat.UnsafeIndexer<byte>? gray;

    public GrayIntensityImage(Mat image)
    {
        Width = image.Width;
        Height = image.Height;
        if (image.Type() == MatType.CV_8UC3) colour = image.GetUnsafeGenericIndexer<Vec3b>();
        else if (image.Type() == MatType.CV_8UC1) gray = image.GetUnsafeGenericIndexer<byte>();
        else throw new FaceLabException("landmarks", $"expected an 8-bit BGR or grey image, got {image.Type()}", "convert the images to 8-bit colour");
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>The intensity at (x, y), or 0 outside the image (dlib's convention).</summary>
    public float At(long x, long y)
    {
        if (x < 0 || y < 0 || x >= Width || y >= Height) return 0f;
        if (gray is not null) return gray[(int)y, (int)x];
        var p = colour![(int)y, (int)x];
        return (p.Item0 + p.Item1 + p.Item2) / 3;
    }
}
