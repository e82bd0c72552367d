using FaceLab.Common;

namespace FaceLab.Training.Models;

/// <summary>Named option sets for a new model, applied on top of a model's defaults.</summary>
public static class ModelPresets
{
    /// <summary>The preset that keeps every default.</summary>
    public const string Default = "default";

    /// <summary>
    /// A small 64 px model for this project's reference machine (2 CPU cores): about 1/8 of DF's
    /// widths, so a step of batch 16 takes a fraction of a second and a recognisable swap of the
    /// demo pair appears within minutes rather than hours.
    /// </summary>
    public const string CpuDemo = "cpu-demo";

    /// <summary>Widths divided by 16: for tests and smoke runs only.</summary>
    public const string Tiny = "tiny";

    /// <summary>Widths are divided by this in the <see cref="Tiny"/> preset: enough to exercise every layer fast on a CPU.</summary>
    public const int TinyShrinkFactor = 16;

    /// <summary>The preset names.</summary>
    public static Registry<string> Names { get; } = new("preset", [
        (Default, "the model's own options"),
        (CpuDemo, "64 px, small widths: minutes on 2 CPU cores"),
        (Tiny, "every width divided by 16: tests and smoke runs"),
    ]);

    /// <summary>The preset's options for <paramref name="model"/>; an error for an unknown preset or one that does not apply.</summary>
    public static ModelOptions Apply(ModelDefinition model, string preset)
    {
        var name = Names.Canonical(preset);
        if (name == Default) return model.Defaults;
        if (model.Defaults is not AutoencoderOptions defaults)
            throw new FaceLabException(preset, $"preset does not apply to {model.Name}", "use the default preset or give the options");
        var keepLayout = model is AutoencoderDefinition { FixedLayout: true };
        var resolution = keepLayout ? defaults.Resolution : 64;
        return name == CpuDemo
            ? defaults with { Resolution = resolution, EncoderDims = 32, AeDims = 128, InterDims = 128, InterUpscaleDims = 128, DecoderDims = 32 }
            : defaults.Shrunk(TinyShrinkFactor) with { Resolution = resolution };
    }
}
