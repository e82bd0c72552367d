using System.Globalization;

namespace FaceLab.Media;

/// <summary>An exact frame rate such as 30000/1001, as ffmpeg prints and accepts it.</summary>
public readonly record struct Rational(long Numerator, long Denominator)
{
    /// <summary>The value as a number; 0 when the denominator is 0.</summary>
    public double Value => Denominator == 0 ? 0 : (double)Numerator / Denominator;

    /// <summary>Whether both parts are positive.</summary>
    public bool IsValid => Numerator > 0 && Denominator > 0;

    /// <summary><c>25</c>, <c>29.97</c> or <c>30000/1001</c>; a <see cref="FormatException"/> otherwise.</summary>
    public static Rational Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return default;
        var slash = text.IndexOf('/');
        if (slash < 0)
        {
            var d = double.Parse(text, CultureInfo.InvariantCulture);
            return new Rational((long)Math.Round(d * 1000), 1000);
        }
        return new Rational(
            long.Parse(text.AsSpan(0, slash), CultureInfo.InvariantCulture),
            long.Parse(text.AsSpan(slash + 1), CultureInfo.InvariantCulture));
    }

    /// <summary><c>numerator/denominator</c>.</summary>
    public override string ToString() => $"{Numerator}/{Denominator}";
}
