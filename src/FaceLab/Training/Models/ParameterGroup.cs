using TorchSharp.Modules;

namespace FaceLab.Training.Models;

/// <summary>
/// A named part of a model's weights (encoder, inter, decoder_src...), so a trainer can give parts
/// their own optimizer settings or freeze them (e.g. SAEHD's pretrain or discriminators later).
/// </summary>
internal sealed record ParameterGroup(string Name, IReadOnlyList<Parameter> Parameters);
