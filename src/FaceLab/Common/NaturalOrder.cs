namespace FaceLab.Common;

/// <summary>
/// Orders file names as people count: runs of digits compare by value, so <c>2.png</c> comes
/// before <c>10.png</c> and <c>frame9</c> before <c>frame10</c>; other characters compare
/// ordinally. Equal values with different zero padding fall back to ordinal order, so the order is total.
/// </summary>
internal sealed class NaturalOrder : IComparer<string>
{
    public static NaturalOrder Instance { get; } = new();

    private NaturalOrder() { }

    public int Compare(string? x, string? y)
    {
        if (ReferenceEquals(x, y)) return 0;
        if (x is null) return -1;
        if (y is null) return 1;
        int i = 0, j = 0;
        while (i < x.Length && j < y.Length)
        {
            if (char.IsAsciiDigit(x[i]) && char.IsAsciiDigit(y[j]))
            {
                var byValue = CompareNumbers(x, ref i, y, ref j);
                if (byValue != 0) return byValue;
                continue;
            }
            var byChar = x[i].CompareTo(y[j]);
            if (byChar != 0) return byChar;
            i++;
            j++;
        }
        var byLength = (x.Length - i).CompareTo(y.Length - j);
        return byLength != 0 ? byLength : string.CompareOrdinal(x, y);
    }

    /// <summary>Compares the digit runs starting at i and j by value (any length) and moves both past them.</summary>
    private static int CompareNumbers(string x, ref int i, string y, ref int j)
    {
        while (i < x.Length - 1 && x[i] == '0' && char.IsAsciiDigit(x[i + 1])) i++;
        while (j < y.Length - 1 && y[j] == '0' && char.IsAsciiDigit(y[j + 1])) j++;
        int startX = i, startY = j;
        while (i < x.Length && char.IsAsciiDigit(x[i])) i++;
        while (j < y.Length && char.IsAsciiDigit(y[j])) j++;
        var byDigits = (i - startX).CompareTo(j - startY);
        return byDigits != 0 ? byDigits : string.CompareOrdinal(x, startX, y, startY, i - startX);
    }
}
