using System.Globalization;
using FaceLab.Common;
using FaceLab.Imaging.ColorTransfer;
using FaceLab.Media;

namespace FaceLab.Merging;

/// <summary>
/// How faces are merged into frames. Ranges and defaults are DeepFaceLab's (seamless, dst mask,
/// erode 0, blur 0, no colour transfer); <see cref="Validate"/> rejects values outside them.
/// </summary>
public sealed record MergeOptions
{
    /// <summary>DeepFaceLab's defaults.</summary>
    public static MergeOptions Default { get; } = new();

    /// <summary>How the face is blended into the frame.</summary>
    public MergeMode Mode { get; init; } = MergeMode.Seamless;

    /// <summary>Which mask limits the face.</summary>
    public MaskMode MaskMode { get; init; } = MaskMode.Destination;

    /// <summary>
    /// Erodes the mask by <c>Erode/100</c> of <see cref="MaskShareOfFace"/> of the face size in the
    /// frame (negative dilates): −400..400.
    /// </summary>
    public int Erode { get; init; }

    /// <summary>Blurs the mask edge with a Gaussian of <c>Blur/100</c> of that share of the face size: 0..400.</summary>
    public int Blur { get; init; }

    /// <summary>Colour transfer of the prediction towards the dst face: none, rct, lct, mkl, mkl-m, idt, idt-m, sot, sot-m, mix-m.</summary>
    public string ColorTransfer { get; init; } = ColorTransfers.None;

    /// <summary>Histogram matching only counts pixels inside the mask (default on, as in DeepFaceLab).</summary>
    public bool MaskedHistMatch { get; init; } = true;

    /// <summary>0..255; below 255 the brightest values are held back (DeepFaceLab's threshold).</summary>
    public int HistMatchThreshold { get; init; } = 255;

    /// <summary>Grows (positive) or shrinks the pasted face by this many percent: −50..50.</summary>
    public int FaceScale { get; init; }

    /// <summary>How the face is sharpened (<see cref="SharpenAmount"/> says how much).</summary>
    public SharpenMode Sharpen { get; init; } = SharpenMode.None;

    /// <summary>−100..100: positive sharpens, negative blurs the predicted face.</summary>
    public int SharpenAmount { get; init; }

    /// <summary>0..100: percentage of the face's movement per frame used as the motion blur length.</summary>
    public int MotionBlurPower { get; init; }

    /// <summary>0..500: each 100 is one median pass over the predicted face; the rest blends a last pass in.</summary>
    public int DenoisePower { get; init; }

    /// <summary>The merged frames' file format.</summary>
    public FrameImageFormat OutputFormat { get; init; } = FrameImageFormat.Png;

    /// <summary>
    /// Erode and blur 100 mean this share of the face's size in the frame (the side of the aligned
    /// square warped back): 10 %, so the user's 0..400 spans none to 40 % of the face.
    /// </summary>
    public const double MaskShareOfFace = 0.10;

    /// <summary>Throws a <see cref="FaceLabException"/> naming the first value out of range.</summary>
    public MergeOptions Validate()
    {
        foreach (var setting in NumericSettings) setting.Check(setting.Of(this));
        _ = ColorTransfers.Modes.Get(ColorTransfer);
        foreach (var (name, ok) in new[]
        {
            ("mode", Enum.IsDefined(Mode)), ("mask mode", Enum.IsDefined(MaskMode)),
            ("sharpen mode", Enum.IsDefined(Sharpen)), ("output format", Enum.IsDefined(OutputFormat)),
        })
            if (!ok) throw new FaceLabException(name, "is not one of the known values", null);
        return this;
    }

    /// <summary>One line of the settings by their user names, for the debug view.</summary>
    public string Describe() => string.Join(" ",
        $"mode={MergeNames.NameOf(MergeNames.Modes, Mode)}",
        $"mask={MergeNames.NameOf(MergeNames.Masks, MaskMode)}",
        $"erode={Erode}", $"blur={Blur}", $"ct={ColorTransfer}",
        $"hist={(MaskedHistMatch ? "masked" : "full")}/{HistMatchThreshold}",
        $"scale={FaceScale}", $"sharpen={MergeNames.NameOf(MergeNames.Sharpening, Sharpen)}:{SharpenAmount}",
        $"motion={MotionBlurPower}", $"denoise={DenoisePower}");

    /// <summary>The numeric settings by their user names with the ranges <see cref="Validate"/> accepts (forms are built from them).</summary>
    public static IReadOnlyList<MergeSettingRange> NumericSettings { get; } =
    [
        new("erode", -400, 400) { Of = o => o.Erode },
        new("blur", 0, 400) { Of = o => o.Blur },
        new("hist-match-threshold", 0, 255) { Of = o => o.HistMatchThreshold },
        new("face-scale", -50, 50) { Of = o => o.FaceScale },
        new("sharpen-amount", -100, 100) { Of = o => o.SharpenAmount },
        new("motion-blur", 0, 100) { Of = o => o.MotionBlurPower },
        new("denoise", 0, 500) { Of = o => o.DenoisePower },
    ];
}

/// <summary>One numeric merge setting: its user name and the values it accepts, <see cref="Min"/>..<see cref="Max"/>.</summary>
public sealed record MergeSettingRange(string Name, int Min, int Max)
{
    /// <summary>Reads the setting from a set of options.</summary>
    internal Func<MergeOptions, int> Of { get; init; } = _ => 0;

    /// <summary>Throws a <see cref="FaceLabException"/> when <paramref name="value"/> is out of range.</summary>
    public void Check(int value)
    {
        if (value < Min || value > Max)
            throw new FaceLabException(Name, $"{value.ToString(CultureInfo.InvariantCulture)} is out of range", $"use {Min}..{Max}");
    }
}
