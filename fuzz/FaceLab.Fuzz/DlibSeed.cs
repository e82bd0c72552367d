namespace FaceLab.Fuzz;

/// <summary>
/// The smallest shape predictor the dlib reader accepts: two parts, one level of one tree with one
/// split, one anchor and one delta, in dlib's portable integer and float encoding.
/// </summary>
internal static class DlibSeed
{
    public static byte[] Bytes()
    {
        var b = new List<byte>();
        Int(b, 1); // serialisation version
        Matrix(b, [0.25f, 0.5f, 0.75f, 0.5f]); // initial shape: two points
        Int(b, 1); // levels
        Int(b, 1); // trees in the level
        Int(b, 1); // splits
        Int(b, 0);
        Int(b, 0);
        Float(b, 0.5f);
        Int(b, 2); // leaves: one more than splits
        Matrix(b, [0.01f, 0f, -0.01f, 0f]);
        Matrix(b, [0f, 0.01f, 0f, -0.01f]);
        Int(b, 1); // anchor sets
        Int(b, 1);
        Int(b, 1);
        Int(b, 1); // delta sets
        Int(b, 1);
        Float(b, 0.1f);
        Float(b, -0.1f);
        return [.. b];
    }

    /// <summary>A header byte (low nibble: byte count; bit 7: negative), then the magnitude little-endian.</summary>
    private static void Int(List<byte> b, long value)
    {
        var magnitude = (ulong)Math.Abs(value);
        var bytes = new List<byte>();
        for (; magnitude != 0; magnitude >>= 8) bytes.Add((byte)magnitude);
        b.Add((byte)(bytes.Count | (value < 0 ? 0x80 : 0)));
        b.AddRange(bytes);
    }

    /// <summary>A float as an integer mantissa and a base-2 exponent.</summary>
    private static void Float(List<byte> b, float value)
    {
        const int Exponent = -24;
        Int(b, (long)Math.Round(Math.ScaleB(value, -Exponent)));
        Int(b, Exponent);
    }

    private static void Matrix(List<byte> b, float[] column)
    {
        Int(b, column.Length);
        Int(b, 1);
        foreach (var v in column) Float(b, v);
    }
}
