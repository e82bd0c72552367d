namespace FaceLab.Training.Models;

/// <summary>
/// The identity of a model's weights: architecture name, its version (bumped whenever the layer
/// layout of that architecture changes) and every shape-giving option. Two models can exchange
/// weights only when their signatures are equal.
/// </summary>
internal sealed record ModelSignature(string Architecture, int Version, string Options)
{
    public override string ToString() => $"{Architecture} v{Version} {Options}";
}
