using FaceLab.Training.Samples;

namespace FaceLab.Training.Models;

/// <summary>
/// A seed autoencoder (H64, H128, DF, LIAEF128...): <see cref="AutoencoderOptions"/>, the default
/// trainer, and the plain sample recipe unless one is given.
/// </summary>
internal sealed class AutoencoderDefinition : ModelDefinition<AutoencoderOptions>
{
    private readonly Func<AutoencoderOptions, FaceSwapModel> _factory;
    private readonly Func<AutoencoderOptions, SampleRecipe>? _recipe;

    /// <param name="fixedLayout">The resolution and face type cannot change (presets keep them).</param>
    /// <param name="recipe">The model's own sample recipe; null for the plain one.</param>
    public AutoencoderDefinition(string name, string summary, AutoencoderOptions defaults, Func<AutoencoderOptions, FaceSwapModel> factory,
        bool fixedLayout = false, Func<AutoencoderOptions, SampleRecipe>? recipe = null)
    {
        Name = name;
        Summary = summary;
        TypedDefaults = defaults;
        FixedLayout = fixedLayout;
        _factory = factory;
        _recipe = recipe;
    }

    public override string Name { get; }

    public override string Summary { get; }

    public override AutoencoderOptions TypedDefaults { get; }

    /// <summary>Resolution and face type are part of the model (Quick96): presets leave them alone.</summary>
    public bool FixedLayout { get; }

    internal override SampleRecipe Samples(ModelOptions options) => _recipe?.Invoke(Typed(options)) ?? base.Samples(options);

    private protected override FaceSwapModel Build(AutoencoderOptions options) => _factory(options);
}
