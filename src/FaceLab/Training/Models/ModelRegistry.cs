using FaceLab.Common;
using FaceLab.Training.Samples;

namespace FaceLab.Training.Models;

/// <summary>The model types FaceLab trains, by name (case-insensitive).</summary>
public static class ModelRegistry
{
    /// <summary>Every model type by name.</summary>
    public static Registry<ModelDefinition> Models { get; } = new("model",
    [
        new AutoencoderDefinition("H64", "half face 64 px, the 2018 classic", H64Model.Defaults, o => new H64Model(o)),
        new AutoencoderDefinition("H64-light", "H64 for small memory: dense 512, decoders 256-128-64", H64Model.LightDefaults, o => new H64Model(o)),
        new AutoencoderDefinition("H128", "half face 128 px", H128Model.Defaults, o => new H128Model(o)),
        new AutoencoderDefinition("DF", "full face 128 px, two decoders", DfModel.Defaults, o => new DfModel(o)),
        new AutoencoderDefinition("LIAEF128", "full face 128 px, shared decoder that morphs src towards dst", Liaef128Model.Defaults, o => new Liaef128Model(o)),
        new AutoencoderDefinition("LIAEF128YAW", "LIAEF128 trained on src faces chosen to match the dst faces' yaw",
            Liaef128Model.Defaults, o => new Liaef128Model(o, Liaef128Model.YawArchitectureName), recipe: YawMatchedRecipe),
        new AutoencoderDefinition("MIAEF128", "full face 128 px; src learned in grayscale, colour and brightness from dst (dark scenes)",
            Miaef128Model.Defaults, o => new Miaef128Model(o), recipe: Miaef128Model.Recipe),
        new AutoencoderDefinition("Quick96", "SAEHD df-ud 96 px with fixed options, for a first result fast", Quick96Model.Defaults, o => new Quick96Model(o), fixedLayout: true),
        new SaehdDefinition(),
        new AvatarDefinition(),
    ], d => d.Name);

    /// <summary>The model types in listing order.</summary>
    public static IReadOnlyList<ModelDefinition> All => Models.Items;

    /// <summary>Their names.</summary>
    public static IReadOnlyList<string> Names => Models.Names;

    /// <summary>The model type called <paramref name="name"/>; a <see cref="FaceLabException"/> listing the names otherwise.</summary>
    public static ModelDefinition Get(string name) => Models.Get(name);

    /// <summary>LIAEF128YAW: each src sample is a face whose yaw matches the dst sample in the same batch slot.</summary>
    private static SampleRecipe YawMatchedRecipe(AutoencoderOptions options)
    {
        var plain = new SampleOptions { Resolution = options.Resolution, FaceType = options.FaceType };
        return SampleRecipe.Symmetric(plain) with
        {
            SourceChooser = (destination, sourceYaws) => new YawMatchedFaceChooser(sourceYaws, (b, s) => destination.Plan(b, s).Yaw),
        };
    }
}
