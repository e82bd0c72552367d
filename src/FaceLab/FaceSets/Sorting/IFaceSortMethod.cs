using FaceLab.FaceSets.Features;

namespace FaceLab.FaceSets.Sorting;

/// <summary>One way of ordering a face set (a <c>--by</c> name of <c>facelab faces sort</c>).</summary>
public interface IFaceSortMethod
{
    /// <summary>The CLI name, e.g. <c>blur</c>.</summary>
    string Name { get; }

    /// <summary>One line for help: what comes first.</summary>
    string Description { get; }

    /// <summary>
    /// The new order of <paramref name="faces"/> (indices into it) and the faces the method rejects
    /// (they go to the trash). Every index appears exactly once in one of the two lists.
    /// </summary>
    FaceOrdering Sort(IReadOnlyList<ScannedFace> faces, FaceSortOptions options, CancellationToken ct);
}

/// <summary>
/// The result of a sort method: <paramref name="Order"/> keeps, <paramref name="Rejected"/> goes to
/// the trash, and <paramref name="Scores"/> (per face index, or null for orderings without a
/// per-face value) is what <c>--trash-below</c>/<c>--trash-above</c> compare.
/// </summary>
public sealed record FaceOrdering(IReadOnlyList<int> Order, IReadOnlyList<int> Rejected, IReadOnlyList<double>? Scores = null);
