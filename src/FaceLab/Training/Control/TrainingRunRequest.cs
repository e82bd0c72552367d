using FaceLab.Common;
using FaceLab.Training.Models;

namespace FaceLab.Training.Control;

/// <summary>
/// A training run as a front end asks for it: which model (type and name; created with the preset
/// and option values the first time, reused after), and how this run behaves. Defaults in brackets.
/// </summary>
public sealed record TrainingRunRequest
{
    /// <summary>Longest model name: it becomes a folder name.</summary>
    public const int MaxNameChars = 64;

    /// <summary>The model type (<c>DF</c>, <c>H64</c>...).</summary>
    public required string ModelType { get; init; }

    /// <summary>The model's name; its folder is <c>model/NAME_TYPE</c> [model].</summary>
    public string Name { get; init; } = "model";

    /// <summary>A new model's preset [null: the model's defaults].</summary>
    public string? Preset { get; init; }

    /// <summary>A new model's option values as text by key, over the preset [none].</summary>
    public IReadOnlyDictionary<string, string>? Options { get; init; }

    /// <summary>Samples per identity per step [a new model: 8; later runs: the saved one].</summary>
    public int? BatchSize { get; init; }

    /// <summary>Stop and save at this iteration [none].</summary>
    public long? TargetIteration { get; init; }

    /// <summary>Stop and save after this many minutes [none].</summary>
    public double? MaxMinutes { get; init; }

    /// <summary>A preview into the model's <c>history/</c> every this many iterations: the live preview and its timeline [50].</summary>
    public int PreviewEvery { get; init; } = 50;

    /// <summary>Previews kept in <c>history/</c>, thinned evenly over the run beyond it [200].</summary>
    public int PreviewHistoryLimit { get; init; } = 200;

    /// <summary>Where to train: cpu, best or GPU indices "0,1" [cpu].</summary>
    public string Device { get; init; } = "cpu";

    /// <summary>Whether the request gives a new model's options (a preset or values).</summary>
    public bool GivesOptions => Preset is not null || Options is { Count: > 0 };

    /// <summary>Refuses an unknown model type or preset and a name that cannot be a plain folder name.</summary>
    public TrainingRunRequest Validate()
    {
        ModelRegistry.Get(ModelType ?? "");
        if (Preset is not null) ModelPresets.Names.Get(Preset);
        var name = Name ?? "";
        if (name.Length is 0 or > MaxNameChars || name[0] == '.' || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            throw new FaceLabException($"model name '{name}'", $"is not a plain name of 1..{MaxNameChars} letters, digits, '-', '_' or '.'", "choose another name");
        if (PreviewEvery < 1) throw new FaceLabException($"preview interval {PreviewEvery}", "is not allowed", "1 or more iterations");
        if (PreviewHistoryLimit < 2) throw new FaceLabException($"preview history limit {PreviewHistoryLimit}", "is not allowed", "2 or more previews");
        return this;
    }
}
