using FaceLab.Common;
using FaceLab.Faces.Alignment;

namespace FaceLab.Training.Models;

/// <summary>
/// What every model's options share: the square training resolution and the face crop it expects.
/// Each option that changes the architecture must appear in <see cref="ArchitectureText"/>: it is
/// part of the model's <see cref="ModelSignature"/>, which a checkpoint must match to load.
/// Options validate themselves: the declared ranges (<see cref="ModelOptionAttribute"/>) plus the
/// rules a type adds in <see cref="Problems"/>.
/// </summary>
public abstract record ModelOptions
{
    /// <summary>The smallest model resolution in pixels.</summary>
    public const int MinResolution = 32;
    /// <summary>The largest model resolution in pixels.</summary>
    public const int MaxResolution = 640;

    /// <summary>Side of the square faces the model reads and writes, in pixels.</summary>
    [ModelOption("Side of the square faces the model reads and writes, in pixels", Min = MinResolution, Max = MaxResolution, MultipleOf = 16)]
    public required int Resolution { get; init; }

    /// <summary>The aligned crop the model is trained on (half, full, head...).</summary>
    [ModelOption("The aligned crop the model is trained on")]
    public required FaceType FaceType { get; init; }

    /// <summary>Stable, culture-invariant text of every option that shapes the weights.</summary>
    public abstract string ArchitectureText();

    /// <summary>Rejects values outside the declared ranges and the type's own rules; <paramref name="source"/> names the options in the error.</summary>
    public void Validate(string source = "model options")
    {
        var schema = ModelOptionSchema.Of(GetType());
        foreach (var option in schema.Options)
            if (option.Check(this) is { } problem)
                throw new FaceLabException(source, $"option {option.Key}: {problem}", $"allowed: {option.Range}");
        foreach (var problem in Problems())
            throw new FaceLabException(source, problem, null);
    }

    /// <summary>Rules across options that ranges cannot say; empty when the options make sense.</summary>
    protected virtual IEnumerable<string> Problems() => [];
}
