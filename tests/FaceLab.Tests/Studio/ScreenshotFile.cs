using OpenCvSharp;

namespace FaceLab.Tests.Studio;

/// <summary>
/// Writes a screenshot for the README only when it looks different from the one already there, so
/// a test run does not change a committed image over anti-aliasing; a new button does change it.
/// </summary>
public static class ScreenshotFile
{
    /// <summary>A pixel counts as changed when a channel moved by more than this (0–255).</summary>
    private const int ChangedBy = 24;

    /// <summary>Share of changed pixels from which the screenshot is written again.</summary>
    private const double ChangedShare = 0.001;

    /// <returns>Whether the file was written.</returns>
    public static bool SaveIfChanged(byte[] png, string path)
    {
        if (File.Exists(path) && ChangedPixelShare(path, png) < ChangedShare) return false;
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, png);
        return true;
    }

    private static double ChangedPixelShare(string path, byte[] png)
    {
        using var before = Cv2.ImRead(path);
        using var after = Cv2.ImDecode(png, ImreadModes.Color);
        if (before.Size() != after.Size()) return 1;
        using var difference = new Mat();
        Cv2.Absdiff(before, after, difference);
        var channels = difference.Split();
        using var largest = new Mat();
        Cv2.Max(channels[0], channels[1], largest);
        Cv2.Max(largest, channels[2], largest);
        foreach (var channel in channels) channel.Dispose();
        using var changed = largest.Threshold(ChangedBy, 255, ThresholdTypes.Binary);
        return (double)Cv2.CountNonZero(changed) / (after.Width * after.Height);
    }
}
