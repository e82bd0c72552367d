namespace FaceLab.Faces.Landmarks;

/// <summary>
/// Which of MediaPipe face mesh's 468 vertices stands in for each iBUG 68 point. Approximate: the
/// mesh's face contour is not iBUG's jaw line, so jaw points (0–16) differ most; the inner 51
/// points agree with dlib's to 3–4 % of the eye distance.
/// </summary>
internal static class FaceMeshToIbug68
{
    public const int MeshVertexCount = 468;

    public static IReadOnlyList<int> MeshVertexOf { get; } =
    [
        162, 234, 93, 58, 172, 136, 149, 148, 152, 377, 378, 365, 397, 288, 323, 454, 389, // jaw 0–16
        71, 63, 105, 66, 107, 336, 296, 334, 293, 301, // brows 17–26
        168, 197, 5, 4, 75, 97, 2, 326, 305, // nose 27–35
        33, 160, 158, 133, 153, 144, 362, 385, 387, 263, 373, 380, // eyes 36–47
        61, 39, 37, 0, 267, 269, 291, 405, 314, 17, 84, 181, // outer lip 48–59
        78, 82, 13, 312, 308, 317, 14, 87, // inner lip 60–67
    ];
}
