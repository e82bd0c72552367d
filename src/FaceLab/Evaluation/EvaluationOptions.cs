namespace FaceLab.Evaluation;

/// <summary>How much of the material an evaluation uses, and how many frames it reads at once; <see cref="Validate"/> rejects values that cannot work.</summary>
public sealed record EvaluationOptions
{
    /// <summary>Every frame, 64 src faces, 32 reconstructions, one worker per core.</summary>
    public static EvaluationOptions Default { get; } = new();

    /// <summary>src faces whose mean descriptor stands for the src identity: at most this many, evenly spread over the src set.</summary>
    public int SourceFaces { get; init; } = 64;

    /// <summary>dst faces the model reconstructs (dst → dst) for SSIM and PSNR: at most this many, evenly spread in frame order.</summary>
    public int ReconstructionFaces { get; init; } = 32;

    /// <summary>
    /// Measure at most this many frames, taken as runs of <see cref="RunLength"/> consecutive frames
    /// spread evenly over the result (consecutive, so flicker is still measured) [null: every frame].
    /// </summary>
    public int? MaxFrames { get; init; }

    /// <summary>Consecutive frames per run when <see cref="MaxFrames"/> samples the result [5].</summary>
    public int RunLength { get; init; } = 5;

    /// <summary>Frames measured at once (default: one per core).</summary>
    public int Workers { get; init; } = Environment.ProcessorCount;

    /// <summary>Throws when a value cannot work; returns these options.</summary>
    public EvaluationOptions Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(SourceFaces, 1, nameof(SourceFaces));
        ArgumentOutOfRangeException.ThrowIfLessThan(ReconstructionFaces, 1, nameof(ReconstructionFaces));
        ArgumentOutOfRangeException.ThrowIfLessThan(Workers, 1, nameof(Workers));
        ArgumentOutOfRangeException.ThrowIfLessThan(RunLength, 2, nameof(RunLength));
        if (MaxFrames is { } max) ArgumentOutOfRangeException.ThrowIfLessThan(max, RunLength, nameof(MaxFrames));
        return this;
    }
}
