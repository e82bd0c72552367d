using System.Globalization;
using System.Text.Json.Serialization;
using FaceLab.Imaging.ColorTransfer;

namespace FaceLab.Training.Models;

/// <summary>
/// SAEHD's options. The architecture (archi, resolution, face type and the four widths) is fixed
/// when the model is created: a checkpoint refuses other values. Everything else says how the
/// model trains and may change between runs (pretrain then fine-tune, GAN switched on late...).
/// </summary>
internal sealed record SaehdOptions : ModelOptions
{
    /// <summary>The training colour transfer modes (the merge-only masked variants are not among them).</summary>
    public static IReadOnlyList<string> TrainingColorTransfers { get; } = [ColorTransfers.None, "rct", "lct", "mkl", "idt", "sot"];

    /// <summary>The optimizer names.</summary>
    public static IReadOnlyList<string> Optimizers { get; } = ["adabelief", "rmsprop"];

    /// <summary>df or liae with the u, d, t flags (<see cref="SaehdArchi"/>).</summary>
    [ModelOption("Architecture: " + SaehdArchi.Forms)]
    public required string Archi { get; init; }

    /// <summary>Width of the dense face code.</summary>
    [ModelOption("Width of the dense face code (ae_dims)", Min = 8, Max = 1024)]
    public required int AeDims { get; init; }

    /// <summary>Encoder width of the first layer: the layers are e, 2e, 4e, 8e.</summary>
    [ModelOption("Encoder width of the first layer (e_dims; the layers are e, 2e, 4e, 8e)", Min = 2, Max = 256)]
    public required int EDims { get; init; }

    /// <summary>Decoder width: the image upscales are 8d, 4d, 2d.</summary>
    [ModelOption("Decoder width (d_dims; the image upscales are 8d, 4d, 2d)", Min = 2, Max = 256)]
    public required int DDims { get; init; }

    /// <summary>Mask decoder width: its upscales are 8m, 4m, 2m.</summary>
    [ModelOption("Mask decoder width (d_mask_dims; its upscales are 8m, 4m, 2m)", Min = 1, Max = 256)]
    public required int DMaskDims { get; init; }

    /// <summary>Compare faces only inside the (blurred) face mask.</summary>
    [ModelOption("Masked training: learn the face inside its mask only")]
    public bool MaskedTraining { get; init; } = true;

    /// <summary>Weight eyes and mouth 300·MAE.</summary>
    [ModelOption("Eyes and mouth priority: a strong extra loss under the eye and mouth masks")]
    public bool EyesMouthPriority { get; init; }

    /// <summary>Choose faces evenly over yaw.</summary>
    [ModelOption("Uniform yaw: profiles are seen as often as frontal faces")]
    public bool UniformYaw { get; init; }

    /// <summary>Fill the targets' background from the nearby background, blurred.</summary>
    [ModelOption("Blur out mask: blur the targets' background near the face")]
    public bool BlurOutMask { get; init; }

    /// <summary>Random grid warp of the inputs.</summary>
    [ModelOption("Random warp of the inputs (turn off late for extra sharpness)")]
    public bool RandomWarp { get; init; } = true;

    /// <summary>Random hue, saturation and value shift of the inputs.</summary>
    [ModelOption("Random HSV power: hue, saturation and value jitter of the inputs", Min = 0, Max = 0.3)]
    public double RandomHsvPower { get; init; }

    /// <summary>Colour transfer of src samples towards random dst faces.</summary>
    [ModelOption("Colour transfer of src samples to dst colours: none, rct, lct, mkl, idt or sot")]
    public string ColorTransfer { get; init; } = ColorTransfers.None;

    /// <summary>Weight of the adversarial loss of a U-Net patch discriminator on src; 0 off.</summary>
    [ModelOption("GAN power: weight of a patch discriminator's loss on the src face (0 off)", Min = 0, Max = 5)]
    public double GanPower { get; init; }

    /// <summary>Receptive field of the discriminator's patches in pixels.</summary>
    [ModelOption("GAN patch size in pixels", Min = 3, Max = 640)]
    public int GanPatchSize { get; init; } = 16;

    /// <summary>Width of the discriminator's first layer.</summary>
    [ModelOption("GAN discriminator width", Min = 4, Max = 512)]
    public int GanDims { get; init; } = 16;

    /// <summary>Weight of a code discriminator that pulls dst codes towards src codes (df only); 0 off.</summary>
    [ModelOption("True face power: a code discriminator makes the swap more like src (df only; 0 off)", Min = 0, Max = 1)]
    public double TrueFacePower { get; init; }

    /// <summary>Weight of the swap's colour statistics against dst's inside the face, 0..100.</summary>
    [ModelOption("Face style power: the swap takes dst's colours inside the face", Min = 0, Max = 100)]
    public double FaceStylePower { get; init; }

    /// <summary>Weight of the swap's background against dst's, 0..100.</summary>
    [ModelOption("Background style power: the swap learns dst's background", Min = 0, Max = 100)]
    public double BackgroundStylePower { get; init; }

    /// <summary>Clip the gradients' global norm to 1.</summary>
    [ModelOption("Gradient clipping: limits each step, against collapse")]
    public bool ClipGradients { get; init; }

    /// <summary>Pretrain on one face set (given as both src and dst); turning it off re-initialises the bottleneck.</summary>
    [ModelOption("Pretrain mode: learn faces from one set; fine-tune on the pair later")]
    public bool Pretrain { get; init; }

    /// <summary>adabelief or rmsprop.</summary>
    [ModelOption("Optimizer: adabelief or rmsprop")]
    public string Optimizer { get; init; } = "adabelief";

    /// <summary>Update a random 30% of the weights each step.</summary>
    [ModelOption("Learning-rate dropout: each step updates a random 30% of the weights")]
    public bool LearningRateDropout { get; init; }

    /// <summary>The parsed archi; valid options only.</summary>
    [JsonIgnore]
    public SaehdArchi Layout => SaehdArchi.TryParse(Archi, out var archi) ? archi.Value : throw new InvalidOperationException($"archi '{Archi}' is not valid");

    /// <summary>Pretraining turns off what needs both identities or would fight the general face: GAN, true face, styles, warp, lr dropout.</summary>
    [JsonIgnore]
    public SaehdOptions Effective => Pretrain
        ? this with { GanPower = 0, TrueFacePower = 0, FaceStylePower = 0, BackgroundStylePower = 0, RandomWarp = false, UniformYaw = true, LearningRateDropout = false, ColorTransfer = ColorTransfers.None }
        : this;

    public override string ArchitectureText() => string.Create(CultureInfo.InvariantCulture,
        $"res={Resolution} face={FaceType} archi={Layout} ae={AeDims} e={EDims} d={DDims} dm={DMaskDims}");

    protected override IEnumerable<string> Problems()
    {
        if (!SaehdArchi.TryParse(Archi, out var archi))
        {
            yield return $"archi '{Archi}' is not one of: {SaehdArchi.Forms}";
            yield break;
        }
        if (Resolution < 64) yield return $"resolution {Resolution} is below SAEHD's 64 px";
        if (Resolution % archi.Value.ResolutionStep != 0)
            yield return $"resolution {Resolution} is not a multiple of {archi.Value.ResolutionStep}, as archi {archi} needs";
        if (TrueFacePower > 0 && archi.Value.Liae) yield return "true face power needs archi df (liae has no single code to discriminate)";
        if (!TrainingColorTransfers.Contains(ColorTransfer, StringComparer.OrdinalIgnoreCase))
            yield return $"colour transfer '{ColorTransfer}' is not one of: {string.Join(", ", TrainingColorTransfers)}";
        if (!Optimizers.Contains(Optimizer, StringComparer.OrdinalIgnoreCase))
            yield return $"optimizer '{Optimizer}' is not one of: {string.Join(", ", Optimizers)}";
    }
}
