using OpenCvSharp;

namespace FaceLab.Merging;

/// <summary>
/// One dst face of a frame as the merger needs it: its 68 landmarks in frame pixels (the merger
/// cuts the face at the model's face type and resolution from them) and, for motion blur, where
/// the same face is centred in the previous and next frames (null when unknown); for a model that
/// reads motion, that face's landmarks in those frames (null: the face stands in for itself).
/// </summary>
internal sealed record FrameFace(IReadOnlyList<Point2d> Landmarks)
{
    /// <summary>Landmarks of the same face (the nearest) in the previous frame, or null.</summary>
    public IReadOnlyList<Point2d>? PreviousLandmarks { get; init; }

    /// <summary>Landmarks of the same face (the nearest) in the next frame, or null.</summary>
    public IReadOnlyList<Point2d>? NextLandmarks { get; init; }

    public Point2d? PreviousCentre { get; init; }

    public Point2d? NextCentre { get; init; }

    /// <summary>Mean of the landmarks: what <see cref="PreviousCentre"/> and <see cref="NextCentre"/> are measured as.</summary>
    public Point2d Centre => new(Landmarks.Average(p => p.X), Landmarks.Average(p => p.Y));

    /// <summary>The face's movement per frame in pixels, from its neighbours' centres (zero without them).</summary>
    public Point2d Motion => (PreviousCentre, NextCentre) switch
    {
        ({ } p, { } n) => (n - p) * 0.5,
        ({ } p, null) => Centre - p,
        (null, { } n) => n - Centre,
        _ => new Point2d(0, 0),
    };
}
