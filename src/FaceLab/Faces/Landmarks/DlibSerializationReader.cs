using FaceLab.Common;

namespace FaceLab.Faces.Landmarks;

/// <summary>
/// Reads the primitives of dlib's portable binary serialisation (dlib/serialize.h) from a byte
/// buffer. Every failure is a <see cref="FaceLabException"/> naming the file, so a truncated or
/// foreign file gives the user one clear line instead of an index exception.
/// </summary>
internal sealed class DlibSerializationReader(byte[] data, string path)
{
    private int position;

    public string Path { get; } = path;

    public int Remaining => data.Length - position;

    /// <summary>An integer: a header byte (low nibble = byte count, bit 7 = negative), then little-endian magnitude bytes.</summary>
    public long ReadInt64()
    {
        var header = ReadByte();
        var size = header & 0x0F;
        if (size > 8 || (header & 0x70) != 0) throw Corrupt($"bad integer header 0x{header:x2}");
        ulong magnitude = 0;
        for (var i = 0; i < size; i++) magnitude |= (ulong)ReadByte() << (8 * i);
        if (magnitude > long.MaxValue) throw Corrupt("integer out of range");
        return (header & 0x80) != 0 ? -(long)magnitude : (long)magnitude;
    }

    /// <summary>A non-negative count no larger than <paramref name="max"/> (guards allocations against corrupt sizes).</summary>
    public int ReadCount(string what, long max)
    {
        var value = ReadInt64();
        if (value < 0 || value > max) throw Corrupt($"{what} {value} is out of range");
        return (int)value;
    }

    /// <summary>A float stored as an integer mantissa and a base-2 exponent (dlib/float_details.h).</summary>
    public float ReadSingle()
    {
        var mantissa = ReadInt64();
        var exponent = ReadInt64();
        return exponent switch
        {
            InfinityExponent => float.PositiveInfinity,
            NegativeInfinityExponent => float.NegativeInfinity,
            NaNExponent => float.NaN,
            _ when exponent is < -2000 or > 2000 => throw Corrupt($"float exponent {exponent} is out of range"),
            _ => (float)Math.ScaleB(mantissa, (int)exponent),
        };
    }

    /// <summary>A dense float matrix flattened row-major; newer dlib writes the sizes negated.</summary>
    public float[] ReadMatrix()
    {
        long rows = ReadInt64(), cols = ReadInt64();
        if (rows < 0 && cols < 0) (rows, cols) = (-rows, -cols);
        // Each element takes at least two bytes (mantissa and exponent headers).
        if (rows < 0 || cols < 0 || rows > Remaining || cols > Remaining || rows * cols > Remaining / 2) throw Corrupt($"matrix size {rows}x{cols} is out of range");
        var values = new float[rows * cols];
        for (var i = 0; i < values.Length; i++) values[i] = ReadSingle();
        return values;
    }

    public FaceLabException Corrupt(string problem) =>
        new(Path, $"not a valid dlib shape predictor: {problem} at byte {position}", $"reinstall it with {Assets.AssetStore.InstallCommand}");

    private byte ReadByte() =>
        position < data.Length ? data[position++] : throw Corrupt("file is truncated");

    private const long InfinityExponent = 32000;
    private const long NegativeInfinityExponent = 32001;
    private const long NaNExponent = 32002;
}
