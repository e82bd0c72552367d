namespace FaceLab.Faces.Alignment;

/// <summary>Fine controls of the face-alignment transform; the defaults reproduce DeepFaceLab.</summary>
internal sealed record AlignmentOptions
{
    public static AlignmentOptions Default { get; } = new();

    /// <summary>
    /// Extra zoom: the padded square's half-diagonal is divided by it, so 2 shows half the width
    /// of the face type's crop at the same output size. Default 1 (the face type's crop).
    /// </summary>
    public double Scale { get; init; } = 1.0;

    /// <summary>
    /// Yaw used by <see cref="FaceRegion.Head"/> to move the crop towards the back of the head, in
    /// the units of <see cref="HeadYawEstimate"/>. Null (default): estimated from the landmarks.
    /// Ignored by the other regions.
    /// </summary>
    public double? HeadYaw { get; init; }
}
