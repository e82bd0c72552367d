using FaceLab.Faces.Alignment;
using FaceLab.Imaging.ColorTransfer;

namespace FaceLab.Training.Samples;

/// <summary>How training samples are made from a face set . Defaults suit the 2018 models.</summary>
internal sealed record SampleOptions
{
    /// <summary>Side of the square samples in pixels, the model's resolution (default 128).</summary>
    public int Resolution { get; init; } = 128;

    /// <summary>
    /// Side of the model's input images when it differs from <see cref="Resolution"/> (AVATAR reads
    /// 64 px and renders up to 256 px); null (default): the input is at <see cref="Resolution"/>.
    /// Targets and masks stay at <see cref="Resolution"/>.
    /// </summary>
    public int? InputResolution { get; init; }

    /// <summary>
    /// Video frames per input (default 1). With 3, each input holds the previous, the current and the
    /// next frame's face stacked on the channels (3 × 3 channels; see <see cref="FaceNeighbours"/>),
    /// all three under the sample's one random transform and warp; the target is the current face.
    /// </summary>
    public int TemporalFrames { get; init; } = 1;

    /// <summary>Side of the input images: <see cref="InputResolution"/> or <see cref="Resolution"/>.</summary>
    public int InputSize => InputResolution ?? Resolution;

    /// <summary>
    /// The model's face type. Null (default): the face set's own, and faces are only rescaled. When it
    /// differs from a face's type, the face is re-cropped from its aligned image with its landmarks
    /// (e.g. a half-face model from full-face faces).
    /// </summary>
    public FaceType? FaceType { get; init; }

    /// <summary>The random geometric transform shared by input, target and masks.</summary>
    public SampleTransformOptions Transform { get; init; } = SampleTransformOptions.Default;

    /// <summary>Apply the random grid warp to the input (default true); off, the input equals the target.</summary>
    public bool RandomWarp { get; init; } = true;

    /// <summary>
    /// Gaussian blur of the face mask for masked training, as a fraction of <see cref="Resolution"/>
    /// (default 1/16: an 8 px kernel at 128 px, made odd); 0 keeps the hard hull edge.
    /// </summary>
    public double MaskBlur { get; init; } = 1.0 / 16;

    /// <summary>
    /// Colour transfer of each sample to a random face of the colour-reference set (src samples
    /// towards dst colours): a <see cref="ColorTransfers"/> name, default "none".
    /// </summary>
    public string ColorTransfer { get; init; } = ColorTransfers.None;

    /// <summary>
    /// Turn samples (input and target) into grayscale, kept as three equal channels (default false):
    /// MIAEF128 learns its src side without colour so that colour and brightness come from dst.
    /// </summary>
    public bool Grayscale { get; init; }

    /// <summary>Random hue, saturation and value shift of the input (not the target), 0 off (default); see <see cref="HsvJitter"/>.</summary>
    public double RandomHsvPower { get; init; }

    /// <summary>Pick faces evenly over yaw (default false): rare profiles are seen as often as frontal faces.</summary>
    public bool UniformYaw { get; init; }

    /// <summary>Yaw bins over ±90° for <see cref="UniformYaw"/> (default 32, about 5.6° each); empty bins are skipped.</summary>
    public int YawBins { get; init; } = 32;

    /// <summary>
    /// Context kept around each cached crop on every side, as a fraction of <see cref="Resolution"/>
    /// (default 0.125), so rotations, shifts and zoom-outs show real pixels instead of smeared edges.
    /// </summary>
    public double CropMargin { get; init; } = 0.125;

    /// <summary>Face hull and eye/mouth mask shapes.</summary>
    public MaskOptions Masks { get; init; } = MaskOptions.Default;

    /// <summary>Rejects options no sample could be made with.</summary>
    public void Validate()
    {
        if (Resolution is < 16 or > 1024) throw new ArgumentOutOfRangeException(nameof(Resolution), Resolution, "resolution must be 16..1024");
        if (InputResolution is < 16 or > 1024) throw new ArgumentOutOfRangeException(nameof(InputResolution), InputResolution, "input resolution must be 16..1024");
        if (TemporalFrames is not (1 or 3)) throw new ArgumentOutOfRangeException(nameof(TemporalFrames), TemporalFrames, "temporal frames must be 1 or 3");
        if (MaskBlur is < 0 or > 0.5) throw new ArgumentOutOfRangeException(nameof(MaskBlur), MaskBlur, "mask blur must be 0..0.5");
        if (RandomHsvPower is < 0 or > 1) throw new ArgumentOutOfRangeException(nameof(RandomHsvPower), RandomHsvPower, "random HSV power must be 0..1");
        if (YawBins < 1) throw new ArgumentOutOfRangeException(nameof(YawBins), YawBins, "at least one yaw bin");
        if (CropMargin is < 0 or > 1) throw new ArgumentOutOfRangeException(nameof(CropMargin), CropMargin, "crop margin must be 0..1");
        _ = ColorTransfers.Create(ColorTransfer);
        Transform.Validate();
    }
}

/// <summary>Ranges of the random transform; each value is drawn uniformly in ±range.</summary>
internal sealed record SampleTransformOptions
{
    public static SampleTransformOptions Default { get; } = new();

    /// <summary>No geometric change at all (tests, previews).</summary>
    public static SampleTransformOptions None { get; } = new() { RotationDegrees = 0, Scale = 0, Shift = 0, FlipProbability = 0 };

    /// <summary>Rotation about the sample centre in degrees (default ±10).</summary>
    public double RotationDegrees { get; init; } = 10;

    /// <summary>Relative zoom (default ±0.05; SAEHD-style models use ±0.15).</summary>
    public double Scale { get; init; } = 0.05;

    /// <summary>Shift as a fraction of the resolution, each axis (default ±0.05).</summary>
    public double Shift { get; init; } = 0.05;

    /// <summary>Probability of a horizontal flip (default 0.4).</summary>
    public double FlipProbability { get; init; } = 0.4;

    public void Validate()
    {
        if (RotationDegrees is < 0 or > 180) throw new ArgumentOutOfRangeException(nameof(RotationDegrees), RotationDegrees, "0..180");
        if (Scale is < 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(Scale), Scale, "0..1");
        if (Shift is < 0 or > 1) throw new ArgumentOutOfRangeException(nameof(Shift), Shift, "0..1");
        if (FlipProbability is < 0 or > 1) throw new ArgumentOutOfRangeException(nameof(FlipProbability), FlipProbability, "0..1");
    }
}
