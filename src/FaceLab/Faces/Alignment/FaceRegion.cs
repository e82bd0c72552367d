namespace FaceLab.Faces.Alignment;

/// <summary>
/// How much of the head an aligned face covers, from the tightest crop to the whole head.
/// Each region has its own padding around the fitted unit square (see <see cref="FaceType.Padding"/>).
/// </summary>
public enum FaceRegion
{
    /// <summary>DeepFaceLab <c>half</c>: the fitted square itself (brows to mouth).</summary>
    Half,

    /// <summary>DeepFaceLab <c>mid_full</c>: slightly more than half.</summary>
    MidFull,

    /// <summary>DeepFaceLab <c>full</c>: the whole face with chin.</summary>
    Full,

    /// <summary>DeepFaceLab <c>whole_face</c>: face with forehead (centre moved up by 7 %).</summary>
    WholeFace,

    /// <summary>DeepFaceLab <c>head</c>: the whole head (centre moved up by 50 % and sideways against the yaw).</summary>
    Head,
}
