namespace FaceLab.Faces.Alignment;

/// <summary>iBUG 68-point index groups used by the masks and the pose.</summary>
internal static class LandmarkGroups
{
    private static int[] Range(int first, int lastInclusive) => [.. Enumerable.Range(first, lastInclusive - first + 1)];

    /// <summary>
    /// The 8 parts whose filled convex hulls make the face hull mask. Each part reaches down to the
    /// chin (8) or holds the nose so that the union has no gaps between brows, eyes and jaw.
    /// "Right"/"left" are the subject's: right is image-left in a frontal photo.
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<int>> HullParts { get; } =
    [
        [.. Range(0, 8), 17],                         // right jaw half up to the outer right brow
        [.. Range(8, 16), 26],                        // left jaw half up to the outer left brow
        [.. Range(17, 19), 8],                        // right cheek: outer right brow to chin
        [.. Range(24, 26), 8],                        // left cheek: outer left brow to chin
        [.. Range(19, 24), 8],                        // nose ridge: inner brows to chin
        [.. Range(17, 21), 27, .. Range(31, 35), 8],  // right eye region
        [.. Range(22, 26), 27, .. Range(31, 35), 8],  // left eye region
        [.. Range(27, 30), .. Range(31, 35)],         // nose
    ];

    public static IReadOnlyList<int> RightEye { get; } = Range(36, 41);

    public static IReadOnlyList<int> LeftEye { get; } = Range(42, 47);

    public static IReadOnlyList<int> InnerMouth { get; } = Range(60, 67);

    /// <summary>The 2D points solvePnP fits for the head pose: jaw and brows 0–26, nose tip and nostrils 30–35.</summary>
    public static IReadOnlyList<int> PosePoints { get; } = [.. Range(0, 26), .. Range(30, 35)];

    /// <summary>
    /// Index permutation that maps the landmarks of a face onto those of its horizontal mirror
    /// image (after negating x): point i of the mirrored face is point <c>Mirror[i]</c> of the original.
    /// </summary>
    public static IReadOnlyList<int> Mirror { get; } =
    [
        16, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0,
        26, 25, 24, 23, 22, 21, 20, 19, 18, 17,
        27, 28, 29, 30,
        35, 34, 33, 32, 31,
        45, 44, 43, 42, 47, 46,
        39, 38, 37, 36, 41, 40,
        54, 53, 52, 51, 50, 49, 48, 59, 58, 57, 56, 55,
        64, 63, 62, 61, 60, 67, 66, 65,
    ];
}
