using FaceLab.Common;

namespace FaceLab.Media;

/// <summary>
/// DeepFaceLab's step 3.1: re-encodes a time range of a video, with its audio, into a new
/// file. Re-encoding (not stream copy) makes the cut exact to the frame instead of snapping
/// to keyframes. The original is never touched. A cut that comes out shorter than asked (by more
/// than a frame) means the source is damaged: it fails and nothing is left under the output name.
/// </summary>
public static class VideoCutter
{
    /// <summary>Re-encodes <paramref name="duration"/> of <paramref name="input"/> from <paramref name="start"/> into <paramref name="output"/>, with its audio.</summary>
    public static async Task<VideoInfo> CutAsync(
        string input, TimeSpan start, TimeSpan duration, string output, bool overwrite,
        IProgress<OperationProgress>? progress = null, CancellationToken ct = default)
    {
        var info = await VideoProbe.ProbeAsync(input, ct);
        if (duration <= TimeSpan.Zero)
            throw new FaceLabException($"duration {duration}", "must be longer than zero", "give a positive duration");
        if (start < TimeSpan.Zero || start >= info.Duration)
            throw new FaceLabException($"start {start}", $"{input} is only {info.Duration:hh\\:mm\\:ss\\.ff} long", "give a start inside the video");
        if (Path.GetFullPath(input) == Path.GetFullPath(output))
            throw new FaceLabException(output, "the cut cannot replace its own input", "choose another output file") { Remedy = Remedy.OtherOutput };
        var profile = ContainerProfile.For(output);
        var length = start + duration > info.Duration ? info.Duration - start : duration;
        var expected = (long)Math.Round(length.TotalSeconds * info.FrameRate.Value);

        using var target = AtomicOutput.Begin(output, overwrite);
        var args = new List<string>
        {
            "-ss", Timecode.ToFfmpeg(start), "-i", input, "-t", Timecode.ToFfmpeg(duration),
            "-map", "0:v:0", "-map", "0:a?", "-sn", "-dn",
        };
        args.AddRange(profile.VideoArguments(lossless: false));
        args.AddRange(profile.ReencodedAudioArguments());
        args.AddRange(profile.ContainerArguments());
        args.AddRange(["-map_metadata", "0", "-y", target.TemporaryPath]);
        progress?.Report(new OperationProgress("cut", 0, expected));
        await FfmpegProcess.RunFfmpegAsync(args, input,
            n => progress?.Report(new OperationProgress("cut", n, Math.Max(n, expected))), null, ct);
        await RequireLength(input, start, length, info.FrameRate.Value, target.TemporaryPath, ct);
        target.Commit();
        return await VideoProbe.ProbeAsync(output, ct);
    }

    /// <summary>
    /// ffmpeg stops quietly where a truncated source's data ends; the cut must then fail rather
    /// than pass off a fragment as the range asked for.
    /// </summary>
    private static async Task RequireLength(string input, TimeSpan start, TimeSpan length, double frameRate, string produced, CancellationToken ct)
    {
        VideoInfo cut;
        try
        {
            cut = await VideoProbe.ProbeAsync(produced, ct);
        }
        catch (FaceLabException e)
        {
            throw new FaceLabException(input, "the cut could not be read back; the video is damaged", "check the source file", e);
        }
        var frame = frameRate > 0 ? 1 / frameRate : 0.04;
        var got = cut.FrameCount is { } n && frameRate > 0 ? n / frameRate : cut.Duration.TotalSeconds;
        if (got < length.TotalSeconds - frame - 1e-3)
            throw new FaceLabException(input,
                string.Create(System.Globalization.CultureInfo.InvariantCulture,
                    $"the cut is {got:0.00} s long, {length.TotalSeconds:0.00} s asked: the video ends early (truncated or damaged after {(start.TotalSeconds + got):0.00} s); nothing was written"),
                "repair or re-download the video, or cut a range before the damage");
    }

    /// <summary>Default output name: <c>NAME_cut.EXT</c> beside the input.</summary>
    public static string DefaultOutput(string input) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(input))!, Path.GetFileNameWithoutExtension(input) + "_cut" + Path.GetExtension(input));
}
