using FaceLab.Common;

namespace FaceLab.Media;

/// <summary>
/// DeepFaceLab's step 3.1: re-encodes a time range of a video, with its audio, into a new
/// file. Re-encoding (not stream copy) makes the cut exact to the frame instead of snapping
/// to keyframes. The original is never touched.
/// </summary>
public static class VideoCutter
{
    public static async Task<VideoInfo> CutAsync(
        string input, TimeSpan start, TimeSpan duration, string output, bool overwrite,
        IProgress<OperationProgress>? progress = null, CancellationToken ct = default)
    {
        var info = await VideoProbe.ProbeAsync(input, ct);
        if (duration <= TimeSpan.Zero)
            throw new FaceLabException($"--duration {duration}: must be longer than zero");
        if (start < TimeSpan.Zero || start >= info.Duration)
            throw new FaceLabException($"--start {start}: {input} is only {info.Duration:hh\\:mm\\:ss\\.ff} long");
        if (Path.GetFullPath(input) == Path.GetFullPath(output))
            throw new FaceLabException($"{output}: the cut cannot replace its own input; choose another --out");
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
        target.Commit();
        return await VideoProbe.ProbeAsync(output, ct);
    }

    /// <summary>Default output name: <c>NAME_cut.EXT</c> beside the input.</summary>
    public static string DefaultOutput(string input) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(input))!, Path.GetFileNameWithoutExtension(input) + "_cut" + Path.GetExtension(input));
}
