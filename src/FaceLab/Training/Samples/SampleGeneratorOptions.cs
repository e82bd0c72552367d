namespace FaceLab.Training.Samples;

/// <summary>How many threads make batches and how far ahead they may run.</summary>
internal sealed record SampleGeneratorOptions
{
    /// <summary>Worker threads (default 2; each makes whole batches).</summary>
    public int Workers { get; init; } = 2;

    /// <summary>
    /// Batches made ahead of the consumer (default 4). Memory: each batch holds 8·N·R² floats
    /// (inputs, targets, two masks) — 2 MB at 128 px batch 8.
    /// </summary>
    public int Prefetch { get; init; } = 4;

    /// <summary>Index of the first batch (default 0); a resumed trainer continues the same sequence.</summary>
    public long FirstBatch { get; init; }

    public void Validate()
    {
        if (Workers is < 1 or > 256) throw new ArgumentOutOfRangeException(nameof(Workers), Workers, "1..256 workers");
        if (Prefetch is < 1 or > 1024) throw new ArgumentOutOfRangeException(nameof(Prefetch), Prefetch, "1..1024 batches");
        ArgumentOutOfRangeException.ThrowIfNegative(FirstBatch);
    }
}
