using System.Runtime.InteropServices;
using OpenCvSharp;

namespace FaceLab.Imaging.ColorTransfer;

/// <summary>Moves BGR float images in and out of flat interleaved arrays (B, G, R per pixel).</summary>
internal static class ColorPixels
{
    /// <summary>Mask values above this count as inside.</summary>
    public const float MaskThreshold = 0.5f;

    public static float[] Read(Mat image, string name)
    {
        ArgumentNullException.ThrowIfNull(image, name);
        if (image.Type() != MatType.CV_32FC3 || image.Empty())
            throw new ArgumentException($"{name}: expected a non-empty CV_32FC3 image, got {image.Type()}", name);
        using var continuous = image.IsContinuous() ? null : image.Clone();
        var data = new float[image.Rows * image.Cols * 3];
        Marshal.Copy((continuous ?? image).Data, data, 0, data.Length);
        return data;
    }

    /// <summary>A new <c>CV_32FC3</c> image from interleaved values, clipped to [0, 1] when asked.</summary>
    public static Mat Write(float[] data, int rows, int cols, bool clip)
    {
        if (clip)
            for (var i = 0; i < data.Length; i++) data[i] = Math.Clamp(data[i], 0f, 1f);
        var image = new Mat(rows, cols, MatType.CV_32FC3);
        Marshal.Copy(data, 0, image.Data, data.Length);
        return image;
    }

    /// <summary>Indices of the pixels inside <paramref name="mask"/>, or null (every pixel) without a mask.</summary>
    public static int[]? Selection(Mat? mask, Mat image, string name)
    {
        if (mask is null) return null;
        if (mask.Rows != image.Rows || mask.Cols != image.Cols)
            throw new ArgumentException($"{name}: mask size {mask.Size()} differs from the image's {image.Size()}", name);
        using var values = new Mat();
        if (mask.Type() == MatType.CV_8UC1) mask.ConvertTo(values, MatType.CV_32FC1, 1.0 / 255);
        else if (mask.Type() == MatType.CV_32FC1) mask.CopyTo(values);
        else throw new ArgumentException($"{name}: expected a CV_32FC1 or CV_8UC1 mask, got {mask.Type()}", name);
        var flat = new float[values.Rows * values.Cols];
        Marshal.Copy(values.Data, flat, 0, flat.Length);
        var selection = new List<int>();
        for (var i = 0; i < flat.Length; i++)
            if (flat[i] > MaskThreshold) selection.Add(i);
        if (selection.Count < 2)
            throw new ArgumentException($"{name}: the mask selects {selection.Count} pixels; colour statistics need at least 2", name);
        return [.. selection];
    }

    /// <summary>Number of pixels a selection covers.</summary>
    public static int Count(float[] pixels, int[]? selection) => selection?.Length ?? pixels.Length / 3;

    /// <summary>Pixel index of the k-th selected pixel.</summary>
    public static int At(int[]? selection, int k) => selection is null ? k : selection[k];
}
