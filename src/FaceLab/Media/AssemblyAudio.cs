namespace FaceLab.Media;

/// <summary>
/// How the reference's first audio stream goes into an assembled video: copied when the output
/// container holds its codec; otherwise re-encoded, losslessly to ALAC when the source is lossless
/// audio ALAC can carry exactly (16/24-bit PCM, FLAC: camcorder PCM into mp4), else to AAC at
/// 256 kb/s. <see cref="Note"/> says what was done when it was not a copy.
/// </summary>
internal sealed record AssemblyAudio(IReadOnlyList<string> Arguments, string? Note)
{
    /// <summary>Codecs each container takes as they are, as ffmpeg's muxers accept them (checked with ffmpeg 5.1).</summary>
    private static readonly Dictionary<string, string[]> Holds = new()
    {
        [".mp4"] = ["aac", "mp3", "mp2", "alac", "ac3", "eac3", "opus"],
        [".mov"] = ["aac", "mp3", "mp2", "alac", "ac3", "eac3", "pcm_s16le", "pcm_s16be", "pcm_s24le", "pcm_s24be", "pcm_s32le", "pcm_s32be", "pcm_f32le", "pcm_f32be", "pcm_u8"],
    };

    /// <summary>Lossless sources ALAC (16 or 24 bits) reproduces sample for sample.</summary>
    private static readonly string[] AlacExact = ["pcm_s16le", "pcm_s16be", "pcm_s24le", "pcm_s24be", "pcm_u8", "flac"];

    public static async Task<AssemblyAudio> ForAsync(string reference, ContainerProfile profile, CancellationToken ct)
    {
        if (!profile.CopiesAudio) return new([.. profile.CopiedAudioArguments()], null);
        var codec = (await FfmpegProcess.ProbeAsync(
            ["-v", "error", "-select_streams", "a:0", "-show_entries", "stream=codec_name", "-of", "csv=p=0", reference],
            reference, ct)).Trim().Split('\n')[0].Trim();
        return Choose(codec, profile.Extension);
    }

    internal static AssemblyAudio Choose(string codec, string extension)
    {
        if (!Holds.TryGetValue(extension, out var held) || held.Contains(codec, StringComparer.OrdinalIgnoreCase))
            return new(["-c:a", "copy"], null);
        return AlacExact.Contains(codec, StringComparer.OrdinalIgnoreCase)
            ? new(["-c:a", "alac"], $"{codec} audio cannot go into {extension} as it is; re-encoded losslessly to ALAC")
            : new(["-c:a", "aac", "-b:a", "256k"], $"{codec} audio cannot go into {extension} as it is; re-encoded to AAC at 256 kb/s");
    }
}
