using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using OpenCvSharp;

namespace FaceLab.Tests.Support;

/// <summary>
/// Independent checks of media files straight from ffprobe/ffmpeg and OpenCV, so tests do not
/// grade the product's own probe with itself.
/// </summary>
public static class MediaOracle
{
    public static JsonElement Probe(string path)
    {
        var json = Run("ffprobe", "-v", "error", "-print_format", "json", "-show_format", "-show_streams", "-count_frames", path);
        return JsonDocument.Parse(json).RootElement.Clone();
    }

    public static IEnumerable<JsonElement> Streams(JsonElement probe, string type) =>
        probe.GetProperty("streams").EnumerateArray().Where(s => s.GetProperty("codec_type").GetString() == type);

    public static int DecodedFrames(JsonElement probe) =>
        int.Parse(Streams(probe, "video").First().GetProperty("nb_read_frames").GetString()!, CultureInfo.InvariantCulture);

    public static double FrameRate(JsonElement probe)
    {
        var parts = Streams(probe, "video").First().GetProperty("avg_frame_rate").GetString()!.Split('/');
        return double.Parse(parts[0], CultureInfo.InvariantCulture) / double.Parse(parts[1], CultureInfo.InvariantCulture);
    }

    public static double StreamSeconds(JsonElement stream) =>
        double.Parse(stream.GetProperty("duration").GetString()!, CultureInfo.InvariantCulture);

    public static string? FormatTag(JsonElement probe, string tag) =>
        probe.GetProperty("format").TryGetProperty("tags", out var tags) && tags.TryGetProperty(tag, out var v) ? v.GetString() : null;

    /// <summary>Seconds of decoded audio in the first audio stream (containers like AVI state no duration).</summary>
    public static double AudioSeconds(string path)
    {
        var psi = new ProcessStartInfo("ffmpeg") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "-v", "error", "-i", path, "-map", "0:a:0", "-f", "s16le", "-ac", "1", "-ar", "48000", "-" }) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stderr = p.StandardError.ReadToEndAsync();
        long bytes = 0;
        var buffer = new byte[1 << 16];
        int n;
        while ((n = p.StandardOutput.BaseStream.Read(buffer)) > 0) bytes += n;
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException($"ffmpeg could not decode the audio of {path}: {stderr.Result}");
        return bytes / 2.0 / 48000;
    }

    /// <summary>Decodes every frame of a video with ffmpeg into PNGs in <paramref name="folder"/>.</summary>
    public static string[] DecodeFrames(string video, string folder)
    {
        Directory.CreateDirectory(folder);
        Run("ffmpeg", "-v", "error", "-i", video, "-map", "0:v:0", "-fps_mode", "passthrough", "-pix_fmt", "rgb24", Path.Combine(folder, "%05d.png"));
        return Directory.GetFiles(folder, "*.png").Order(StringComparer.Ordinal).ToArray();
    }

    /// <summary>Mean PSNR (dB) over pairs of images; identical pairs count as 100 dB.</summary>
    public static double MeanPsnr(IReadOnlyList<string> a, IReadOnlyList<string> b)
    {
        Assert.Equal(a.Count, b.Count);
        var total = 0.0;
        for (var i = 0; i < a.Count; i++)
        {
            using var x = Cv2.ImRead(a[i]);
            using var y = Cv2.ImRead(b[i]);
            var psnr = Cv2.PSNR(x, y);
            total += double.IsInfinity(psnr) || psnr > 100 ? 100 : psnr;
        }
        return total / a.Count;
    }

    /// <summary>Runs a tool and returns stdout; fails the test on a non-zero exit.</summary>
    public static string Run(string tool, params string[] args)
    {
        var psi = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException($"{tool} {string.Join(' ', args)} failed: {stderr.Result}");
        return stdout.Result;
    }
}
