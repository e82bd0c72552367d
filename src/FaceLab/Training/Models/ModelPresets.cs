namespace FaceLab.Training.Models;

/// <summary>Named option sets for <c>facelab train --preset</c>, applied on top of a model's defaults.</summary>
public static class ModelPresets
{
    public const string Default = "default";

    /// <summary>
    /// A small 64 px model for this project's reference machine (2 CPU cores): about 1/8 of DF's
    /// widths, so a step of batch 16 takes a fraction of a second and a recognisable swap of the
    /// demo pair appears within minutes rather than hours.
    /// </summary>
    public const string CpuDemo = "cpu-demo";

    /// <summary>Widths divided by 16: for tests and smoke runs only.</summary>
    public const string Tiny = "tiny";

    public static IReadOnlyList<string> Names { get; } = [Default, CpuDemo, Tiny];

    public static AutoencoderOptions Apply(ModelDescriptor model, string preset) => preset switch
    {
        CpuDemo => model.Defaults with
        {
            Resolution = 64,
            EncoderDims = 32,
            AeDims = 128,
            InterDims = 128,
            InterUpscaleDims = 128,
            DecoderDims = 32,
        },
        Tiny => model.TinyOptions with { Resolution = 64 },
        _ => model.Defaults,
    };
}
