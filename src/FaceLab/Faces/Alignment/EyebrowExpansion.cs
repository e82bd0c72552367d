using OpenCvSharp;

namespace FaceLab.Faces.Alignment;

/// <summary>
/// Pushes the brows up, away from the eyes, so that the face hull covers the lower forehead.
/// Each brow point moves along the line from its partner on the eye line by
/// <c>0.5·expand·(brow − eye)</c>. Eye-line partners, outer to inner: for the right brow 17–21,
/// a point a quarter of the way from the outer eye corner 36 to the jaw point 0, then 36–39;
/// for the left brow 22–26 (inner to outer), 42–45 then the point a quarter of the way from 45 to 16.
/// </summary>
internal static class EyebrowExpansion
{
    public static Point2d[] Apply(IReadOnlyList<Point2d> landmarks, double expand = 1.0)
    {
        LandmarkChecks.Require68(landmarks);
        var result = landmarks.ToArray();
        if (expand == 0) return result;

        Point2d[] rightEyeLine = [landmarks[36] * 0.75 + landmarks[0] * 0.25, landmarks[36], landmarks[37], landmarks[38], landmarks[39]];
        Point2d[] leftEyeLine = [landmarks[42], landmarks[43], landmarks[44], landmarks[45], landmarks[45] * 0.75 + landmarks[16] * 0.25];
        for (var k = 0; k < 5; k++)
        {
            result[17 + k] = Push(landmarks[17 + k], rightEyeLine[k]);
            result[22 + k] = Push(landmarks[22 + k], leftEyeLine[k]);
        }
        return result;

        Point2d Push(Point2d brow, Point2d eye) => brow + (brow - eye) * (0.5 * expand);
    }
}
