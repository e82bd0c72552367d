namespace FaceLab.Media;

/// <summary>What ffprobe says about a video file.</summary>
/// <param name="FrameRate">Frames per second used to rebuild the video: the average rate, which
/// keeps duration and audio sync for variable-frame-rate (phone) video.</param>
/// <param name="FrameCount">Frames in the first video stream as the container states them, if it does.</param>
public sealed record VideoInfo(
    string Path,
    int Width,
    int Height,
    Rational FrameRate,
    TimeSpan Duration,
    long? FrameCount,
    string VideoCodec,
    int AudioStreams,
    string FormatName,
    IReadOnlyDictionary<string, string> Tags)
{
    /// <summary>Whether the video has an audio stream.</summary>
    public bool HasAudio => AudioStreams > 0;

    /// <summary>Frames expected from the duration when the container does not state a count.</summary>
    public long EstimatedFrameCount => FrameCount ?? (long)Math.Round(Duration.TotalSeconds * FrameRate.Value);
}
