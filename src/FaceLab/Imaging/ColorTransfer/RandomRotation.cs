namespace FaceLab.Imaging.ColorTransfer;

/// <summary>Uniformly random 3-D rotations (orthonormal bases) from a seeded generator.</summary>
internal static class RandomRotation
{
    /// <summary>
    /// Three orthonormal axes: Gram–Schmidt on Gaussian vectors, which is uniform over rotations
    /// (the Gaussian is rotation invariant).
    /// </summary>
    public static double[][] Next(Random random)
    {
        var axes = new double[3][];
        for (var a = 0; a < 3; a++)
        {
            double[] v;
            double norm;
            do
            {
                v = [Gaussian(random), Gaussian(random), Gaussian(random)];
                for (var b = 0; b < a; b++)
                {
                    var dot = v[0] * axes[b][0] + v[1] * axes[b][1] + v[2] * axes[b][2];
                    for (var c = 0; c < 3; c++) v[c] -= dot * axes[b][c];
                }
                norm = Math.Sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
            }
            while (norm < 1e-6);
            axes[a] = [v[0] / norm, v[1] / norm, v[2] / norm];
        }
        return axes;
    }

    /// <summary>A standard normal number (Box–Muller).</summary>
    public static double Gaussian(Random random)
    {
        var u = 1.0 - random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u)) * Math.Cos(2.0 * Math.PI * random.NextDouble());
    }

    /// <summary>Every pixel's colour projected on <paramref name="axis"/>.</summary>
    public static float[] Project(float[] pixels, double[] axis)
    {
        var projection = new float[pixels.Length / 3];
        for (var i = 0; i < projection.Length; i++)
            projection[i] = (float)(axis[0] * pixels[3 * i] + axis[1] * pixels[3 * i + 1] + axis[2] * pixels[3 * i + 2]);
        return projection;
    }

    /// <summary>The selected entries of a projection.</summary>
    public static float[] Select(float[] projection, int[]? selection) =>
        selection is null ? (float[])projection.Clone() : [.. selection.Select(i => projection[i])];

    /// <summary>Moves every pixel along <paramref name="axis"/> from its projection to the matched value.</summary>
    public static void Move(float[] pixels, double[] axis, float[] projection, float[] matched, double step)
    {
        for (var i = 0; i < projection.Length; i++)
        {
            var d = step * (matched[i] - projection[i]);
            pixels[3 * i] += (float)(d * axis[0]);
            pixels[3 * i + 1] += (float)(d * axis[1]);
            pixels[3 * i + 2] += (float)(d * axis[2]);
        }
    }
}
