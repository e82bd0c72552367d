using System.Text.Json.Nodes;
using FaceLab.Common;
using FaceLab.Training.Devices;
using FaceLab.Training.Optimization;
using FaceLab.Training.Samples;
using FaceLab.Training.Trainers;

namespace FaceLab.Training.Models;

/// <summary>
/// A model type, the plug-in unit of training and inference: its name, its declared options (with
/// defaults and presets), its architecture, its sample recipe and its trainer. Adding a model is
/// one subclass plus its registration in <see cref="ModelRegistry"/>; the session, the inference
/// API and the CLI need no change.
/// </summary>
public abstract class ModelDefinition
{
    /// <summary>The name users type (<c>--model DF</c>) and the folder suffix (<c>model/NAME_DF</c>).</summary>
    public abstract string Name { get; }

    /// <summary>One line about the architecture, for help and listings.</summary>
    public abstract string Summary { get; }

    /// <summary>The options record type; its <see cref="ModelOptionAttribute"/> properties are the declared options.</summary>
    public abstract Type OptionsType { get; }

    /// <summary>The options the type declares.</summary>
    public ModelOptionSchema Schema => ModelOptionSchema.Of(OptionsType);

    /// <summary>The options of a new model when none are given.</summary>
    public abstract ModelOptions Defaults { get; }

    /// <summary>Options of a named preset (<see cref="ModelPresets"/>); a type may override how a preset applies to it.</summary>
    public virtual ModelOptions Preset(string preset) => ModelPresets.Apply(this, preset);

    /// <summary>libtorch's random generator is global: models are built one at a time so a seed set for one build is not drawn from by another thread.</summary>
    private static readonly Lock Construction = new();

    /// <summary>Builds the model with validated <paramref name="options"/> (the defaults when null), on the CPU.</summary>
    internal FaceSwapModel Create(ModelOptions? options = null) => Create(options, seed: null);

    /// <summary>Builds the model with initial weights drawn from <paramref name="seed"/>: the same seed gives the same weights.</summary>
    internal FaceSwapModel Create(ModelOptions? options, int? seed)
    {
        options ??= Defaults;
        if (options.GetType() != OptionsType)
            throw new ArgumentException($"{Name} takes {OptionsType.Name}, not {options.GetType().Name}", nameof(options));
        options.Validate(Name);
        return Seeded(seed, () => Build(options));
    }

    /// <summary>Builds networks (a model, a trainer's discriminator) with initial weights drawn from <paramref name="seed"/> when one is given.</summary>
    internal static T Seeded<T>(int? seed, Func<T> build)
    {
        lock (Construction)
        {
            if (seed is { } s) TorchSharp.torch.manual_seed(s);
            return build();
        }
    }

    /// <summary>What the batches hold (default: the same plain samples at the model's resolution and face type on both sides).</summary>
    internal virtual SampleRecipe Samples(ModelOptions options) =>
        SampleRecipe.Symmetric(new SampleOptions { Resolution = options.Resolution, FaceType = options.FaceType });

    /// <summary>How the model learns (default: one Adam, the reconstruction loss of both identities).</summary>
    internal virtual ModelTrainer CreateTrainer(DataParallelModel model, AdamOptions optimizer) => new AutoencoderTrainer(model, optimizer);

    /// <summary>
    /// A resumed model whose training options changed since its last run (the architecture cannot
    /// change): the type may re-initialise parts of <paramref name="model"/> (SAEHD's bottleneck when
    /// pretraining ends). Returns true when the trainer's state must start afresh.
    /// </summary>
    internal virtual bool AdoptOptions(FaceSwapModel model, ModelOptions previous, ModelOptions current) => false;

    /// <summary>Options from their <c>model.json</c> form.</summary>
    public ModelOptions ReadOptions(JsonNode json, string source) => Schema.FromJson(json, source);

    /// <summary>Options in their <c>model.json</c> form.</summary>
    public JsonObject WriteOptions(ModelOptions options) => Schema.ToJson(options);

    /// <summary>The architecture for options already validated.</summary>
    private protected abstract FaceSwapModel Build(ModelOptions options);

    /// <summary>The type's name.</summary>
    public override string ToString() => Name;
}

/// <summary>A model type whose options are <typeparamref name="TOptions"/>.</summary>
public abstract class ModelDefinition<TOptions> : ModelDefinition where TOptions : ModelOptions
{
    /// <inheritdoc/>
    public sealed override Type OptionsType => typeof(TOptions);

    /// <inheritdoc/>
    public sealed override ModelOptions Defaults => TypedDefaults;

    /// <summary><see cref="ModelDefinition.Defaults"/> as the type's own options.</summary>
    public abstract TOptions TypedDefaults { get; }

    private protected sealed override FaceSwapModel Build(ModelOptions options) => Build((TOptions)options);

    private protected abstract FaceSwapModel Build(TOptions options);

    /// <summary>The typed options of this model type, or a <see cref="FaceLabException"/>.</summary>
    public TOptions Typed(ModelOptions options) =>
        options as TOptions ?? throw new FaceLabException(Name, $"options of type {options.GetType().Name} do not fit", null);
}
