namespace FaceLab.Training.Losses;

/// <summary>
/// Weights of the per-identity training loss: 10·DSSIM + 10·MSE on the face (both
/// multiplied by the blurred face mask when <see cref="Masked"/>), + 300·MAE under the eye and
/// mouth mask when <see cref="EyesMouthPriority"/>, + 10·MSE of the mask head against the face mask.
/// </summary>
internal sealed record LossOptions
{
    public double DssimWeight { get; init; } = 10;

    public double MseWeight { get; init; } = 10;

    /// <summary>Weight of the mask head's MSE; 0 turns mask learning off.</summary>
    public double MaskWeight { get; init; } = 10;

    /// <summary>Multiply target and prediction by the blurred face mask before comparing them.</summary>
    public bool Masked { get; init; } = true;

    /// <summary>Add <see cref="EyesMouthWeight"/>·MAE under the eye+mouth mask (needs that mask in the batch).</summary>
    public bool EyesMouthPriority { get; init; }

    public double EyesMouthWeight { get; init; } = 300;
}
