namespace FaceLab.Training.Samples;

/// <summary>
/// The random numbers of one sample, seeded from (seed, batch index, sample index) alone, so a
/// sample is the same whichever worker makes it and whenever. SplitMix64: small, fast, and its
/// sequence is fixed here rather than by the runtime's <see cref="Random"/>.
/// </summary>
internal sealed class SampleRandom
{
    private ulong _state;

    public SampleRandom(ulong seed) => _state = seed;

    /// <summary>The generator of sample <paramref name="sampleIndex"/> of batch <paramref name="batchIndex"/>.</summary>
    public static SampleRandom For(int seed, long batchIndex, int sampleIndex, ulong stream = 0) =>
        new(Mix(Mix(Mix((ulong)(uint)seed ^ (stream * 0xD1B54A32D192ED03UL)) ^ (ulong)batchIndex) ^ (ulong)(uint)sampleIndex));

    public ulong NextUInt64()
    {
        _state += 0x9E3779B97F4A7C15UL;
        return Mix(_state);
    }

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in [−range, range].</summary>
    public double NextSymmetric(double range) => (NextDouble() * 2 - 1) * range;

    /// <summary>Uniform integer in [0, count).</summary>
    public int Next(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        return (int)(NextDouble() * count);
    }

    /// <summary>Standard normal (Box–Muller).</summary>
    public double NextGaussian()
    {
        var u = 1.0 - NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u)) * Math.Cos(2.0 * Math.PI * NextDouble());
    }

    /// <summary>A 31-bit seed for APIs that take an int (colour transfer).</summary>
    public int NextSeed() => (int)(NextUInt64() >> 33);

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
