using FaceLab.Imaging.ColorTransfer;
using FaceLab.Media;
using FaceLab.Merging;

namespace FaceLab.Studio.Merging;

/// <summary>
/// The merge options as the page edits them: every setting of <see cref="MergeOptions"/>, choices by
/// the names the CLI takes. Converting validates, so a value out of range is a 400 naming it.
/// </summary>
public sealed record MergeSettings(
    string Mode, string MaskMode, int Erode, int Blur, string ColorTransfer, bool MaskedHistMatch, int HistMatchThreshold,
    int FaceScale, string SharpenMode, int SharpenAmount, int MotionBlur, int Denoise, string Format)
{
    public static MergeSettings Of(MergeOptions o) => new(
        MergeNames.NameOf(MergeNames.Modes, o.Mode), MergeNames.NameOf(MergeNames.Masks, o.MaskMode), o.Erode, o.Blur, o.ColorTransfer,
        o.MaskedHistMatch, o.HistMatchThreshold, o.FaceScale, MergeNames.NameOf(MergeNames.Sharpening, o.Sharpen), o.SharpenAmount,
        o.MotionBlurPower, o.DenoisePower, MergeNames.NameOf(Formats, o.OutputFormat));

    public MergeOptions ToOptions() => new MergeOptions
    {
        Mode = MergeNames.Modes.Get(Mode ?? ""),
        MaskMode = MergeNames.Masks.Get(MaskMode ?? ""),
        Erode = Erode,
        Blur = Blur,
        ColorTransfer = ColorTransfers.Modes.Get(ColorTransfer ?? "").Name,
        MaskedHistMatch = MaskedHistMatch,
        HistMatchThreshold = HistMatchThreshold,
        FaceScale = FaceScale,
        Sharpen = MergeNames.Sharpening.Get(SharpenMode ?? ""),
        SharpenAmount = SharpenAmount,
        MotionBlurPower = MotionBlur,
        DenoisePower = Denoise,
        OutputFormat = Formats.Get(Format ?? ""),
    }.Validate();

    /// <summary>The merged frames' formats by name.</summary>
    private static readonly FaceLab.Common.Registry<FrameImageFormat> Formats = new("frame format", [("png", FrameImageFormat.Png), ("jpg", FrameImageFormat.Jpg)]);

    /// <summary>The form's fields, in order: the choices from the library's registries, the numbers with the ranges <see cref="MergeOptions"/> validates.</summary>
    public static IReadOnlyList<MergeSettingField> Fields { get; } =
    [
        MergeSettingField.Choice("mode", "Mode", MergeNames.Modes.Names),
        MergeSettingField.Choice("maskMode", "Mask", MergeNames.Masks.Names),
        .. MergeOptions.NumericSettings.Take(2).Select(MergeSettingField.Number),
        MergeSettingField.Choice("colorTransfer", "Colour transfer", ColorTransfers.Names),
        new("maskedHistMatch", "Masked hist-match", "bool"),
        .. MergeOptions.NumericSettings.Skip(2).Take(2).Select(MergeSettingField.Number),
        MergeSettingField.Choice("sharpenMode", "Sharpen mode", MergeNames.Sharpening.Names),
        .. MergeOptions.NumericSettings.Skip(4).Select(MergeSettingField.Number),
        MergeSettingField.Choice("format", "Frame format", Formats.Names),
    ];
}

/// <summary>One field of the merge form: its key in <see cref="MergeSettings"/>' JSON, label, kind (choice, int, bool) and what it accepts.</summary>
public sealed record MergeSettingField(string Key, string Label, string Kind, IReadOnlyList<string>? Choices = null, int? Min = null, int? Max = null)
{
    public static MergeSettingField Choice(string key, string label, IReadOnlyList<string> choices) => new(key, label, "choice", choices);

    /// <summary>A number field from the library's range: <c>hist-match-threshold</c> becomes the key <c>histMatchThreshold</c>.</summary>
    public static MergeSettingField Number(MergeSettingRange range)
    {
        var words = range.Name.Split('-');
        var key = words[0] + string.Concat(words.Skip(1).Select(w => char.ToUpperInvariant(w[0]) + w[1..]));
        var label = char.ToUpperInvariant(range.Name[0]) + range.Name[1..].Replace('-', ' ');
        return new(key, label, "int", null, range.Min, range.Max);
    }
}
