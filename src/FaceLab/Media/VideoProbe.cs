using System.Globalization;
using System.Text.Json;
using FaceLab.Common;

namespace FaceLab.Media;

/// <summary>Reads stream facts and container tags of a media file with ffprobe.</summary>
public static class VideoProbe
{
    /// <summary>The streams, size, rate and duration of the video at <paramref name="path"/> (ffprobe).</summary>
    public static async Task<VideoInfo> ProbeAsync(string path, CancellationToken ct = default)
    {
        RequireFile(path);
        var json = await FfmpegProcess.ProbeAsync(
            ["-v", "error", "-print_format", "json", "-show_format", "-show_streams", path], path, ct);
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        var streams = root.TryGetProperty("streams", out var s) ? s.EnumerateArray().ToList() : [];
        var video = streams.FirstOrDefault(IsRealVideoStream);
        if (video.ValueKind != JsonValueKind.Object)
            throw new FaceLabException(path, "not a video: no video stream found", "give a video file");

        var format = root.GetProperty("format");
        var rate = Rational.Parse(Str(video, "avg_frame_rate"));
        if (!rate.IsValid) rate = Rational.Parse(Str(video, "r_frame_rate"));
        if (!rate.IsValid)
            throw new FaceLabException(path, "the video stream has no frame rate", "convert the video to a constant frame rate");
        var duration = Seconds(Str(video, "duration")) ?? Seconds(Str(format, "duration")) ?? 0;
        long? frames = long.TryParse(Str(video, "nb_frames"), out var n) && n > 0 ? n : null;

        return new VideoInfo(
            path,
            video.GetProperty("width").GetInt32(),
            video.GetProperty("height").GetInt32(),
            rate,
            TimeSpan.FromSeconds(duration),
            frames,
            Str(video, "codec_name") ?? "unknown",
            streams.Count(x => Str(x, "codec_type") == "audio"),
            Str(format, "format_name") ?? "unknown",
            Tags(format));
    }

    /// <summary>
    /// Decodes the whole first video stream and counts its frames: the exact number that a
    /// full-rate extraction must produce. Slower than <see cref="ProbeAsync"/>.
    /// </summary>
    public static async Task<long> CountFramesAsync(string path, CancellationToken ct = default)
    {
        RequireFile(path);
        var text = await FfmpegProcess.ProbeAsync(
            ["-v", "error", "-select_streams", "v:0", "-count_frames", "-show_entries", "stream=nb_read_frames", "-of", "csv=p=0", path],
            path, ct);
        return long.TryParse(text.Trim().Split('\n')[0].Trim().TrimEnd(','), out var n)
            ? n
            : throw new FaceLabException(path, "ffprobe could not count the frames", "check that the video plays; it may be damaged");
    }

    /// <summary>Container-level tags (title, comment, ...) with lower-case keys.</summary>
    public static async Task<IReadOnlyDictionary<string, string>> ReadTagsAsync(string path, CancellationToken ct = default)
    {
        RequireFile(path);
        var json = await FfmpegProcess.ProbeAsync(["-v", "error", "-print_format", "json", "-show_format", path], path, ct);
        using var doc = JsonDocument.Parse(json);
        return Tags(doc.RootElement.GetProperty("format"));
    }

    /// <summary>Checks that <paramref name="path"/> is an existing, non-empty file, before any tool is started on it.</summary>
    public static void RequireFile(string path)
    {
        if (Directory.Exists(path)) throw new FaceLabException(path, "is a folder", "give a video file");
        if (!File.Exists(path)) throw new FaceLabException(path, "file does not exist", "check the path");
        if (new FileInfo(path).Length == 0) throw new FaceLabException(path, "file is empty", null);
    }

    // Cover art in mp4/mkv shows up as a one-frame "video" stream; it is not the video.
    private static bool IsRealVideoStream(JsonElement s) =>
        Str(s, "codec_type") == "video"
        && !(s.TryGetProperty("disposition", out var d) && d.TryGetProperty("attached_pic", out var a) && a.GetInt32() == 1);

    private static Dictionary<string, string> Tags(JsonElement format)
    {
        var tags = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (format.TryGetProperty("tags", out var t))
            foreach (var p in t.EnumerateObject())
                tags[p.Name.ToLowerInvariant()] = p.Value.ToString();
        return tags;
    }

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) ? v.ToString() : null;

    private static double? Seconds(string? text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d > 0 ? d : null;
}
