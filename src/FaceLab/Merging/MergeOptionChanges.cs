using FaceLab.Media;

namespace FaceLab.Merging;

/// <summary>
/// The merge settings a user changes for one run (the CLI's flags, the studio's fields); a null
/// setting keeps the one saved with the model, or the default.
/// </summary>
public sealed record MergeOptionChanges
{
    /// <summary>How the face is blended into the frame.</summary>
    public MergeMode? Mode { get; init; }

    /// <summary>Which mask limits the face.</summary>
    public MaskMode? MaskMode { get; init; }

    /// <summary>Mask shrink (positive) or growth (negative).</summary>
    public int? Erode { get; init; }

    /// <summary>Mask edge softening.</summary>
    public int? Blur { get; init; }

    /// <summary>The colour transfer's name.</summary>
    public string? ColorTransfer { get; init; }

    /// <summary>Histogram matching inside the mask only.</summary>
    public bool? MaskedHistMatch { get; init; }

    /// <summary>Histogram matching threshold.</summary>
    public int? HistMatchThreshold { get; init; }

    /// <summary>Growth or shrink of the pasted face.</summary>
    public int? FaceScale { get; init; }

    /// <summary>How the face is sharpened.</summary>
    public SharpenMode? Sharpen { get; init; }

    /// <summary>Sharpening (positive) or blur (negative) of the face.</summary>
    public int? SharpenAmount { get; init; }

    /// <summary>Blur along the face's movement.</summary>
    public int? MotionBlurPower { get; init; }

    /// <summary>Denoising of the predicted face.</summary>
    public int? DenoisePower { get; init; }

    /// <summary>The merged frames' file format.</summary>
    public FrameImageFormat? OutputFormat { get; init; }

    /// <summary>Whether a blend setting DeepFaceLab asks about (mode, mask, erode, blur, colour) is given.</summary>
    public bool ChangesBlend => Mode is not null || MaskMode is not null || Erode is not null || Blur is not null || ColorTransfer is not null;

    /// <summary><paramref name="saved"/> with these changes, validated.</summary>
    public MergeOptions ApplyTo(MergeOptions saved) => (saved with
    {
        Mode = Mode ?? saved.Mode,
        MaskMode = MaskMode ?? saved.MaskMode,
        Erode = Erode ?? saved.Erode,
        Blur = Blur ?? saved.Blur,
        ColorTransfer = ColorTransfer ?? saved.ColorTransfer,
        MaskedHistMatch = MaskedHistMatch ?? saved.MaskedHistMatch,
        HistMatchThreshold = HistMatchThreshold ?? saved.HistMatchThreshold,
        FaceScale = FaceScale ?? saved.FaceScale,
        Sharpen = Sharpen ?? saved.Sharpen,
        SharpenAmount = SharpenAmount ?? saved.SharpenAmount,
        MotionBlurPower = MotionBlurPower ?? saved.MotionBlurPower,
        DenoisePower = DenoisePower ?? saved.DenoisePower,
        OutputFormat = OutputFormat ?? saved.OutputFormat,
    }).Validate();
}
