using FaceLab.Tests.Support;

namespace FaceLab.Tests.Media;

/// <summary>
/// A 2-second clip of the LivePortrait video (480x480, 30 fps, AAC audio) made once per test
/// class with ffmpeg itself, and its frames decoded by ffmpeg: the source of round-trip tests.
/// </summary>
public sealed class ShortClipFixture : IDisposable
{
    private readonly TempFolder _folder = new();

    public ShortClipFixture()
    {
        Clip = _folder.Combine("clip.mp4");
        MediaOracle.Run("ffmpeg", "-v", "error", "-i", TestPaths.VideoWithAudio, "-t", "2", "-c:v", "libx264", "-crf", "18",
            "-pix_fmt", "yuv420p", "-c:a", "aac", "-b:a", "128k", Clip);
        SourceFrames = MediaOracle.DecodeFrames(Clip, _folder.Combine("source-frames"));
    }

    public string Clip { get; }

    /// <summary>The clip's frames as ffmpeg decodes them.</summary>
    public string[] SourceFrames { get; }

    public void Dispose() => _folder.Dispose();
}
