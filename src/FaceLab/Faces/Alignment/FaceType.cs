using System.Diagnostics.CodeAnalysis;

namespace FaceLab.Faces.Alignment;

/// <summary>
/// The crop of an aligned face: a <see cref="FaceRegion"/> and whether the crop keeps the
/// face's in-plane rotation removed (aligned, the default) or keeps the image axes
/// (<c>_no_align</c>: an axis-aligned square of the same area). Text form is DeepFaceLab's,
/// e.g. <c>whole_face</c>, <c>full_no_align</c>.
/// </summary>
public readonly record struct FaceType(FaceRegion Region, bool NoAlign = false)
{
    private const string NoAlignSuffix = "_no_align";

    /// <summary>DeepFaceLab's half face.</summary>
    public static FaceType Half => new(FaceRegion.Half);
    /// <summary>DeepFaceLab's mid-full face.</summary>
    public static FaceType MidFull => new(FaceRegion.MidFull);
    /// <summary>DeepFaceLab's full face.</summary>
    public static FaceType Full => new(FaceRegion.Full);
    /// <summary>DeepFaceLab's whole face (with the forehead).</summary>
    public static FaceType WholeFace => new(FaceRegion.WholeFace);
    /// <summary>DeepFaceLab's head.</summary>
    public static FaceType Head => new(FaceRegion.Head);

    /// <summary>Every face type: the five regions, aligned then <c>_no_align</c>.</summary>
    public static IReadOnlyList<FaceType> All { get; } =
        [.. Enum.GetValues<FaceRegion>().Select(r => new FaceType(r)),
         .. Enum.GetValues<FaceRegion>().Select(r => new FaceType(r, NoAlign: true))];

    /// <summary>
    /// Padding around the fitted unit square, in units of its side: the output half-diagonal is
    /// <c>d·(Padding·√2 + 0.5)</c> for the square's diagonal <c>d</c>.
    /// </summary>
    public double Padding => Region switch
    {
        FaceRegion.Half => 0.0,
        FaceRegion.MidFull => 0.0675,
        FaceRegion.Full => 0.2109375,
        FaceRegion.WholeFace => 0.40,
        FaceRegion.Head => 0.70,
        _ => throw new ArgumentOutOfRangeException(nameof(Region), Region, "unknown face region"),
    };

    /// <summary>The same region with the given alignment choice.</summary>
    public FaceType WithNoAlign(bool noAlign = true) => this with { NoAlign = noAlign };

    /// <summary>The DeepFaceLab name: <c>full</c>, <c>whole_face</c>, <c>head_no_align</c>...</summary>
    public override string ToString() => RegionName(Region) + (NoAlign ? NoAlignSuffix : "");

    /// <summary>The face type named <paramref name="text"/>; a <see cref="FormatException"/> otherwise.</summary>
    public static FaceType Parse(string text) =>
        TryParse(text, out var type)
            ? type
            : throw new FormatException(
                $"unknown face type '{text}'; expected one of: {string.Join(", ", All)}");

    /// <summary>The face type named <paramref name="text"/>, if it names one.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out FaceType type)
    {
        type = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var name = text.Trim().ToLowerInvariant();
        var noAlign = name.EndsWith(NoAlignSuffix, StringComparison.Ordinal);
        if (noAlign) name = name[..^NoAlignSuffix.Length];
        foreach (var region in Enum.GetValues<FaceRegion>())
        {
            if (RegionName(region) != name) continue;
            type = new FaceType(region, noAlign);
            return true;
        }
        return false;
    }

    private static string RegionName(FaceRegion region) => region switch
    {
        FaceRegion.Half => "half",
        FaceRegion.MidFull => "mid_full",
        FaceRegion.Full => "full",
        FaceRegion.WholeFace => "whole_face",
        FaceRegion.Head => "head",
        _ => throw new ArgumentOutOfRangeException(nameof(region), region, "unknown face region"),
    };
}
