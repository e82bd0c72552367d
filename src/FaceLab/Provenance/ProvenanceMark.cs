using System.Globalization;
using System.Text.RegularExpressions;
using FaceLab.Common;

namespace FaceLab.Provenance;

/// <summary>
/// The statement FaceLab writes into every merged frame and assembled video: that the media is
/// synthetic, which tool and version made it, and when. One human-readable line that is also
/// parsed back, so ffprobe, exiftool and <c>facelab provenance</c> all show the same thing.
/// </summary>
public sealed partial record ProvenanceMark(string Tool, string Version, DateTimeOffset Created, string Statement)
{
    /// <summary>PNG text keyword of the mark.</summary>
    public const string PngKeyword = "FaceLab-Provenance";

    /// <summary>Container tags that carry the mark in videos; ffprobe reports AVI's ICMT as "comment".</summary>
    public static IReadOnlyList<string> VideoTags { get; } = ["comment", "description"];

    /// <summary>The statement a mark carries unless told otherwise.</summary>
    public const string DefaultStatement = "faces in it may have been replaced by a face-swap model";

    /// <summary>Forwards to <see cref="Common.ToolVersion.Current"/>, where the version now lives.</summary>
    public static string ToolVersion => Common.ToolVersion.Current;

    /// <summary>A mark by this FaceLab version, created now.</summary>
    public static ProvenanceMark Now() =>
        new("FaceLab", Common.ToolVersion.Current, DateTimeOffset.UtcNow, DefaultStatement);

    /// <summary>The mark as the one line stored in files.</summary>
    public string ToText() =>
        $"Synthetic media made with {Tool} {Version} on {Created.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)}: {Statement}";

    /// <summary>The mark in <paramref name="text"/>, or null when it holds none (also when its date is not a real date).</summary>
    public static ProvenanceMark? TryParse(string? text)
    {
        if (text is null) return null;
        var m = MarkPattern().Match(text.Trim());
        if (!m.Success) return null;
        if (!DateTimeOffset.TryParseExact(m.Groups["created"].Value, "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var created))
            return null;
        return new ProvenanceMark(m.Groups["tool"].Value, m.Groups["version"].Value, created, m.Groups["statement"].Value);
    }

    [GeneratedRegex(@"^Synthetic media made with (?<tool>\S+) (?<version>\S+) on (?<created>\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ): (?<statement>.+)$")]
    private static partial Regex MarkPattern();
}
