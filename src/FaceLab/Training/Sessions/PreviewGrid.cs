using OpenCvSharp;

namespace FaceLab.Training.Sessions;

/// <summary>
/// The training preview: one row per fixed preview sample, columns src, src→src, dst, dst→dst and
/// the swap dst→src, like DeepFaceLab's preview window. Inputs are NCHW float BGR images in [0, 1].
/// </summary>
internal static class PreviewGrid
{
    public static readonly string[] ColumnTitles = ["src", "src>src", "dst", "dst>dst", "dst>src"];

    /// <summary>Renders <paramref name="columns"/> (each N×3×R×R) into an image of N rows.</summary>
    public static Mat Render(IReadOnlyList<float[]> columns, int rows, int resolution)
    {
        const int header = 24;
        var fontScale = Math.Clamp(0.45 * resolution / 128.0, 0.28, 0.6); // titles fit their column at any resolution
        var grid = new Mat(header + rows * resolution, columns.Count * resolution, MatType.CV_8UC3, Scalar.All(32));
        for (var c = 0; c < columns.Count; c++)
        {
            var title = c < ColumnTitles.Length ? ColumnTitles[c] : "";
            Cv2.PutText(grid, title, new Point(c * resolution + 4, 17), HersheyFonts.HersheySimplex, fontScale, Scalar.All(230), 1, LineTypes.AntiAlias);
            for (var r = 0; r < rows; r++)
            {
                using var tile = Tile(columns[c], r, resolution);
                tile.CopyTo(grid[new Rect(c * resolution, header + r * resolution, resolution, resolution)]);
            }
        }
        return grid;
    }

    /// <summary>Sample <paramref name="index"/> of an NCHW batch of 3-channel (or 1-channel, shown grey) images as 8-bit BGR.</summary>
    public static Mat Tile(float[] batch, int index, int resolution, int channels = 3)
    {
        var plane = resolution * resolution;
        var offset = index * channels * plane;
        var pixels = new byte[plane * 3];
        for (var p = 0; p < plane; p++)
            for (var c = 0; c < 3; c++)
                pixels[p * 3 + c] = (byte)Math.Clamp(batch[offset + Math.Min(c, channels - 1) * plane + p] * 255f + 0.5f, 0, 255);
        using var view = Mat.FromPixelData(resolution, resolution, MatType.CV_8UC3, pixels);
        return view.Clone();
    }
}
