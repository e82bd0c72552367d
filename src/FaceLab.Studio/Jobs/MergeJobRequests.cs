using FaceLab.Media;
using FaceLab.Studio.Security;

namespace FaceLab.Studio.Jobs;

/// <summary>
/// A <c>merge</c> job: the model (its folder name or name; null: the only one), the frames counted
/// from 1 (<c>FIRST-LAST</c>, <c>FIRST-</c>, <c>N</c>; null: all) and, when given, the assembly to
/// run after it. The settings are the model's saved ones (<c>merge.json</c>), as the CLI's.
/// </summary>
public sealed record MergeJobRequest(string? Model = null, string? Frames = null, AssembleJobRequest? Assemble = null)
{
    public FrameRange Range => Frames is { Length: > 0 } text ? FrameRange.Parse(text) : FrameRange.All;
}

/// <summary>
/// A <c>video assemble</c> job: <c>data_dst/merged/</c> into <c>result.mp4</c> (replaced) with the dst
/// video's frame rate and audio, or <paramref name="Fps"/> (e.g. <c>25</c>, <c>30000/1001</c>) when given.
/// </summary>
public sealed record AssembleJobRequest(string? Fps = null, bool AllowLengthChange = false, bool Lossless = false)
{
    /// <summary>The frame rate asked for, or null for the reference's; a 400 when it is no positive number.</summary>
    public Rational? FrameRate
    {
        get
        {
            if (Fps is not { Length: > 0 } text) return null;
            try
            {
                if (Rational.Parse(text) is { IsValid: true } rate) return rate;
            }
            catch (FormatException)
            {
            }
            throw StudioRequestException.BadRequest($"fps {text}", "not a positive frame rate", "use a number such as 25 or 30000/1001");
        }
    }
}

/// <summary>An <c>evaluate</c> job: the model whose merged frames to measure (null: the only one), at most <paramref name="MaxFrames"/> frames (null: all).</summary>
public sealed record EvaluateJobRequest(string? Model = null, int? MaxFrames = null);
