using System.Diagnostics.CodeAnalysis;

namespace FaceLab.Training.Models;

/// <summary>
/// SAEHD's archi text, <c>df</c> or <c>liae</c> with optional flags after a dash: <c>u</c> pixel-norm
/// on the code, <c>d</c> double resolution through depth-to-space outputs, <c>t</c> an extra
/// down/up block with residuals (<c>liae-ud</c>, <c>df-udt</c>...). Each flag at most once, any order.
/// </summary>
internal readonly record struct SaehdArchi(bool Liae, bool PixelNorm, bool DoubleResolution, bool ExtraBlock)
{
    /// <summary>The archi names users may type, for help: every layout with every flag set.</summary>
    public const string Forms = "df or liae, optionally -u, -d, -t or their combinations (liae-ud, df-udt...)";

    /// <summary>The archi <paramref name="text"/> names, when it names one.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out SaehdArchi? archi)
    {
        archi = null;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var parts = text.Trim().ToLowerInvariant().Split('-');
        if (parts.Length > 2 || parts[0] is not ("df" or "liae")) return false;
        var flags = parts.Length == 2 ? parts[1] : "";
        if ((parts.Length == 2 && flags.Length == 0) || flags.Any(c => c is not ('u' or 'd' or 't')) || flags.Distinct().Count() != flags.Length)
            return false;
        archi = new SaehdArchi(parts[0] == "liae", flags.Contains('u'), flags.Contains('d'), flags.Contains('t'));
        return true;
    }

    /// <summary>The canonical text: layout, then the flags in the order u, d, t.</summary>
    public override string ToString()
    {
        var flags = (PixelNorm ? "u" : "") + (DoubleResolution ? "d" : "") + (ExtraBlock ? "t" : "");
        return (Liae ? "liae" : "df") + (flags.Length > 0 ? "-" + flags : "");
    }

    /// <summary>What the resolution must be a multiple of: 16, doubled by <c>d</c> and by <c>t</c> (the bottleneck map is res/16, res/32 with <c>t</c>, of the inner resolution).</summary>
    public int ResolutionStep => 16 * (DoubleResolution ? 2 : 1) * (ExtraBlock ? 2 : 1);
}
