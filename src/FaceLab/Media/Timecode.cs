using System.Globalization;
using FaceLab.Common;

namespace FaceLab.Media;

/// <summary>Parses DeepFaceLab-style times: <c>HH:MM:SS[.fraction]</c>, <c>MM:SS</c> or plain seconds.</summary>
public static class Timecode
{
    /// <summary><c>HH:MM:SS[.fraction]</c> or seconds; <paramref name="optionName"/> names the value in errors.</summary>
    public static TimeSpan Parse(string text, string optionName)
    {
        var parts = text.Trim().Split(':');
        if (parts.Length is >= 1 and <= 3 && parts.All(p => p.Length > 0))
        {
            var seconds = 0.0;
            var ok = true;
            foreach (var part in parts)
            {
                ok &= double.TryParse(part, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var v);
                seconds = seconds * 60 + v;
            }
            if (ok) return TimeSpan.FromSeconds(seconds);
        }
        throw new FaceLabException($"{optionName} {text}", "not a time", "use HH:MM:SS[.fraction] or seconds");
    }

    /// <summary>Formats for ffmpeg's -ss/-t (seconds with millisecond precision).</summary>
    public static string ToFfmpeg(TimeSpan t) => t.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
}
