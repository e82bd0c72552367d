using FaceLab.Common;

namespace FaceLab.Media;

/// <summary>
/// The codecs FaceLab writes per output container: h264 yuv420p (plays everywhere) or, lossless,
/// RGB h264 (bit-exact frames); audio copied where the container takes it exactly, else PCM
/// (AAC copied into AVI is not sample-exact).
/// </summary>
internal sealed record ContainerProfile(string Extension, bool CopiesAudio, string ReencodedAudioCodec)
{
    /// <summary>Constant quality for h264: visually transparent, ~40 dB on typical footage.</summary>
    private const string H264Crf = "16";

    private static readonly ContainerProfile[] Known =
    [
        new(".mp4", CopiesAudio: true, "aac"),
        new(".mov", CopiesAudio: true, "aac"),
        new(".mkv", CopiesAudio: true, "aac"),
        new(".avi", CopiesAudio: false, "pcm_s16le"),
    ];

    public static ContainerProfile For(string outputPath)
    {
        var ext = Path.GetExtension(outputPath).ToLowerInvariant();
        return Known.FirstOrDefault(p => p.Extension == ext)
            ?? throw new FaceLabException(outputPath, $"unsupported output type '{ext}'", "name the output .mp4, .mov, .mkv or .avi");
    }

    public IEnumerable<string> VideoArguments(bool lossless) => lossless
        ? ["-c:v", "libx264rgb", "-qp", "0", "-preset", "medium", "-pix_fmt", "bgr24"]
        : ["-c:v", "libx264", "-crf", H264Crf, "-preset", "medium", "-pix_fmt", "yuv420p"];

    /// <summary>Audio arguments when the source audio may be copied as is (assembly).</summary>
    public IEnumerable<string> CopiedAudioArguments() =>
        CopiesAudio ? ["-c:a", "copy"] : ["-c:a", ReencodedAudioCodec];

    /// <summary>Audio arguments when the audio must be re-encoded (cuts start anywhere).</summary>
    public IEnumerable<string> ReencodedAudioArguments() =>
        ReencodedAudioCodec == "aac" ? ["-c:a", "aac", "-b:a", "192k"] : ["-c:a", ReencodedAudioCodec];

    public IEnumerable<string> ContainerArguments() =>
        Extension is ".mp4" or ".mov" ? ["-movflags", "+faststart"] : [];
}
