using System.Runtime.InteropServices;
using FaceLab.Faces.Alignment;
using OpenCvSharp;

namespace FaceLab.Training.Samples;

/// <summary>
/// The random warp of the input: a coarse grid of control points (cell = size/2, /4 or
/// /8 at random) each moved by a Gaussian of σ = 0.24·cell, the grid's border points kept still,
/// upsampled to a smooth dense field with bicubic interpolation. The model cannot copy pixels through,
/// it must learn the face.
/// </summary>
internal static class RandomWarp
{
    /// <summary>Jitter of the control points in units of the cell size.</summary>
    public const double Sigma = 0.24;

    private static readonly int[] CellsPerSide = [2, 4, 8];

    /// <summary>
    /// Remap tables (<c>CV_32FC1</c> x and y) that sample pixel p of the output at
    /// <c>outputToSource(p + d(p))</c> in the source: warp and geometric transform in one resampling.
    /// </summary>
    public static (Mat MapX, Mat MapY) Maps(int size, SampleRandom random, Affine2D outputToSource)
    {
        var cells = CellsPerSide[random.Next(CellsPerSide.Length)];
        var sigma = Sigma * size / cells;
        var points = cells + 1;
        using var dx = new Mat(points, points, MatType.CV_32FC1, Scalar.All(0));
        using var dy = new Mat(points, points, MatType.CV_32FC1, Scalar.All(0));
        for (var y = 1; y < cells; y++)
            for (var x = 1; x < cells; x++)
            {
                dx.Set(y, x, (float)(random.NextGaussian() * sigma));
                dy.Set(y, x, (float)(random.NextGaussian() * sigma));
            }
        var fieldX = Upsample(dx, size);
        var fieldY = Upsample(dy, size);

        var mapX = new float[size * size];
        var mapY = new float[size * size];
        var m = outputToSource;
        for (var y = 0; y < size; y++)
            for (var x = 0; x < size; x++)
            {
                var i = y * size + x;
                double px = x + fieldX[i], py = y + fieldY[i];
                mapX[i] = (float)(m.M00 * px + m.M01 * py + m.M02);
                mapY[i] = (float)(m.M10 * px + m.M11 * py + m.M12);
            }
        return (ToMat(mapX, size), ToMat(mapY, size));
    }

    private static float[] Upsample(Mat grid, int size)
    {
        using var dense = new Mat();
        Cv2.Resize(grid, dense, new Size(size, size), 0, 0, InterpolationFlags.Cubic);
        var values = new float[size * size];
        Marshal.Copy(dense.Data, values, 0, values.Length);
        return values;
    }

    private static Mat ToMat(float[] values, int size)
    {
        var mat = new Mat(size, size, MatType.CV_32FC1);
        Marshal.Copy(values, 0, mat.Data, values.Length);
        return mat;
    }
}
