namespace FaceLab.Training.Models;

/// <summary>
/// A model the CLI can name: <c>facelab train --model NAME</c>. Holds its default options and how
/// to build it, so nothing else needs to switch over model names.
/// </summary>
public sealed record ModelDescriptor(
    string Name,
    string Summary,
    AutoencoderOptions Defaults,
    Func<AutoencoderOptions, FaceSwapModel> Factory)
{
    /// <summary>Widths divided by this in <see cref="TinyOptions"/>: enough to exercise every layer fast on a CPU.</summary>
    public const int TinyShrinkFactor = 16;

    /// <summary>The defaults with every width shrunk (same resolution and layout): for tests.</summary>
    public AutoencoderOptions TinyOptions => Defaults.Shrunk(TinyShrinkFactor);

    /// <summary>Builds the model with <paramref name="options"/> (the defaults when null), on the CPU.</summary>
    public FaceSwapModel Create(AutoencoderOptions? options = null) => Factory(options ?? Defaults);
}
