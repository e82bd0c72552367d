using System.Globalization;
using FaceLab.Common;

namespace FaceLab.Media;

/// <summary>
/// A range of frames by position in a sequence, 1-based and inclusive as users count them:
/// <c>10-200</c>, <c>10-</c> (to the end) or <c>42</c> (one frame).
/// </summary>
public sealed record FrameRange(int First, int? Last)
{
    /// <summary>Every frame.</summary>
    public static FrameRange All { get; } = new(1, null);

    /// <summary><c>FIRST-LAST</c>, <c>FIRST-</c> or <c>N</c>, counted from 1.</summary>
    public static FrameRange Parse(string text)
    {
        var parts = text.Split('-', 2);
        int? Number(string part) => part.Length == 0 ? null
            : int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1 ? n
            : throw new FaceLabException(text, "is not a frame range", "use FIRST-LAST, FIRST- or N, counting frames from 1");
        var first = Number(parts[0].Trim()) ?? 1;
        var last = parts.Length == 1 ? first : Number(parts[1].Trim());
        if (last < first) throw new FaceLabException(text, "ends before it starts", "use FIRST-LAST with FIRST ≤ LAST");
        return new FrameRange(first, last);
    }

    /// <summary>The zero-based positions of a sequence of <paramref name="count"/> frames inside the range.</summary>
    public IEnumerable<int> Positions(int count)
    {
        var last = Math.Min(Last ?? count, count);
        for (var i = First; i <= last; i++) yield return i - 1;
    }

    /// <summary>The range as <see cref="Parse"/> reads it.</summary>
    public override string ToString() => Last == First ? $"{First}" : $"{First}-{Last}";
}
