namespace FaceLab.Media;

/// <summary>How <see cref="VideoAssembler"/> builds a video from frames.</summary>
public sealed record VideoAssemblyOptions
{
    /// <summary>The original video: its frame rate and first audio stream are used. Optional.</summary>
    public string? Reference { get; init; }

    /// <summary>Frame rate to use instead of the reference's; required when there is no reference.</summary>
    public Rational? FrameRate { get; init; }

    /// <summary>Bit-exact RGB h264 instead of h264 yuv420p at constant quality 16; off by default.</summary>
    public bool Lossless { get; init; }

    /// <summary>
    /// Accept a frame count that differs from the reference video's (the result is shorter or
    /// longer than its audio); off by default: the run refuses, unless <see cref="FrameRate"/> is given.
    /// </summary>
    public bool AllowLengthChange { get; init; }

    /// <summary>Replace an existing output file; off by default (the run refuses instead).</summary>
    public bool Overwrite { get; init; }
}

/// <summary>What an assembly produced.</summary>
/// <param name="Notes">What the user should know about the result: a length change, re-encoded audio.</param>
public sealed record VideoAssemblyResult(string Output, int FrameCount, Rational FrameRate, bool HasAudio, IReadOnlyList<string> Notes);
