using FaceLab.Faces.Alignment;

namespace FaceLab.Training.Models;

/// <summary>
/// What every model's options share: the square training resolution and the face crop it expects.
/// Each option that changes the architecture must appear in <see cref="ArchitectureText"/>: it is
/// part of the model's <see cref="ModelSignature"/>, which a checkpoint must match to load.
/// </summary>
public abstract record ModelOptions
{
    /// <summary>Side of the square faces the model reads and writes, in pixels.</summary>
    public required int Resolution { get; init; }

    /// <summary>The aligned crop the model is trained on (half, full, head...).</summary>
    public required FaceType FaceType { get; init; }

    /// <summary>Stable, culture-invariant text of every option that shapes the weights.</summary>
    public abstract string ArchitectureText();
}
