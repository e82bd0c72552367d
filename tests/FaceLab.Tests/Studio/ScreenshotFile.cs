using OpenCvSharp;

namespace FaceLab.Tests.Studio;

/// <summary>
/// Writes a screenshot for the README only when it looks different from the one already there, so
/// a test run does not change a committed image over anti-aliasing or a clock.
/// </summary>
public static class ScreenshotFile
{
    /// <summary>Mean absolute difference per channel (0–255) below which two screenshots count as the same.</summary>
    private const double SameBelow = 1.0;

    /// <returns>Whether the file was written.</returns>
    public static bool SaveIfChanged(byte[] png, string path)
    {
        if (File.Exists(path))
        {
            using var before = Cv2.ImRead(path);
            using var after = Cv2.ImDecode(png, ImreadModes.Color);
            if (before.Size() == after.Size())
            {
                using var difference = new Mat();
                Cv2.Absdiff(before, after, difference);
                var mean = Cv2.Mean(difference);
                if ((mean.Val0 + mean.Val1 + mean.Val2) / 3 < SameBelow) return false;
            }
        }
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, png);
        return true;
    }
}
