namespace FaceLab.Training.Models;

/// <summary>
/// Declares a property of a model's options record as a user-facing option: its description, its
/// range, and whether it shapes the weights. The option's name is the property's, in snake case in
/// <c>model.json</c> and in kebab case on the command line (<c>EncoderDims</c> → <c>encoder_dims</c>,
/// <c>--encoder-dims</c>).
/// </summary>
[AttributeUsage(AttributeTargets.Property, Inherited = true)]
public sealed class ModelOptionAttribute(string description) : Attribute
{
    /// <summary>What the option does, for help and prompts.</summary>
    public string Description { get; } = description;

    /// <summary>Smallest allowed value of a number; NaN for no bound.</summary>
    public double Min { get; init; } = double.NaN;

    /// <summary>Largest allowed value of a number; NaN for no bound.</summary>
    public double Max { get; init; } = double.NaN;

    /// <summary>Whole numbers must be a multiple of this (0: any).</summary>
    public int MultipleOf { get; init; }
}
