using FaceLab.Common;

namespace FaceLab.Training.Models;

/// <summary>The models FaceLab can train, by their CLI names (case-insensitive).</summary>
public static class ModelRegistry
{
    public static IReadOnlyList<ModelDescriptor> All { get; } =
    [
        new("H64", "half face 64 px, the 2018 classic", H64Model.Defaults, o => new H64Model(o)),
        new("H64-light", "H64 for small memory: dense 512, decoders 256-128-64", H64Model.LightDefaults, o => new H64Model(o)),
        new("H128", "half face 128 px", H128Model.Defaults, o => new H128Model(o)),
        new("DF", "full face 128 px, two decoders", DfModel.Defaults, o => new DfModel(o)),
        new("LIAEF128", "full face 128 px, shared decoder that morphs src towards dst", Liaef128Model.Defaults, o => new Liaef128Model(o)),
        new("Quick96", "SAEHD df-ud 96 px with fixed options, for a first result fast", Quick96Model.Defaults, o => new Quick96Model(o)),
    ];

    public static IEnumerable<string> Names => All.Select(d => d.Name);

    /// <summary>The model called <paramref name="name"/>; a <see cref="FaceLabException"/> listing the names otherwise.</summary>
    public static ModelDescriptor Get(string name) =>
        All.FirstOrDefault(d => string.Equals(d.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new FaceLabException($"unknown model '{name}'; expected one of: {string.Join(", ", Names)}");
}
