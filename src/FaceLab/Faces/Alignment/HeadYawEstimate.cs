using OpenCvSharp;

namespace FaceLab.Faces.Alignment;

/// <summary>
/// A yaw measure for placing the <see cref="FaceRegion.Head"/> crop, read from face-aligned
/// landmarks (unit square): the mean horizontal width from the nose bridge (27–29) to the right jaw
/// points (14–16) minus that to the left ones (0–2). 0 for a frontal face, about ±1 for a
/// profile; positive when the face turns towards image left (more of the image-right cheek
/// shows, so the back of the head lies to the image right). It needs no camera model, and for a
/// half-profile it is steadier than solvePnP with only 2D landmarks.
/// </summary>
internal static class HeadYawEstimate
{
    /// <param name="unitLandmarks">68 landmarks mapped into the fitted unit square.</param>
    public static double FromUnitLandmarks(IReadOnlyList<Point2d> unitLandmarks)
    {
        LandmarkChecks.Require68(unitLandmarks);
        double left = 0, right = 0;
        for (var k = 0; k < 3; k++)
        {
            left += unitLandmarks[27 + k].X - unitLandmarks[k].X;
            right += unitLandmarks[16 - k].X - unitLandmarks[27 + k].X;
        }
        return (right - left) / 3.0;
    }
}
