using OpenCvSharp;

namespace FaceLab.Faces.Alignment;

/// <summary>
/// Head orientation in radians (see the <c>…Degrees</c> properties), each within ±π/2.
/// Conventions (as DeepFaceLab): <see cref="Pitch"/> positive when the face looks up,
/// <see cref="Yaw"/> positive when it turns towards image left (nose left of the jaw's middle),
/// <see cref="Roll"/> positive for a clockwise in-image tilt (image y points down).
/// </summary>
internal readonly record struct HeadPose(double Pitch, double Yaw, double Roll)
{
    public double PitchDegrees => Pitch * 180.0 / Math.PI;

    public double YawDegrees => Yaw * 180.0 / Math.PI;

    public double RollDegrees => Roll * 180.0 / Math.PI;

    /// <summary>
    /// Fits <see cref="GenericFaceModel3D"/> to landmarks 0–26 and 30–35 with solvePnP (iterative)
    /// for a pinhole camera with focal length = image width, principal point = image centre and no
    /// distortion, then reads Euler angles from the rotation. A solution with the face behind the
    /// camera is refitted from an EPnP start. The angles depend on where the face sits in the image
    /// (perspective), so compare faces by their aligned landmarks and aligned size, as DeepFaceLab does.
    /// </summary>
    /// <param name="landmarks">68 iBUG points in the pixels of an image of <paramref name="imageSize"/>.</param>
    public static HeadPose Estimate(IReadOnlyList<Point2d> landmarks, Size imageSize)
    {
        LandmarkChecks.Require68(landmarks);
        if (imageSize.Width < 1 || imageSize.Height < 1)
            throw new ArgumentOutOfRangeException(nameof(imageSize), imageSize, "image size must be positive");

        var indices = LandmarkGroups.PosePoints;
        using var objectPoints = new Mat(indices.Count, 1, MatType.CV_64FC3);
        using var imagePoints = new Mat(indices.Count, 1, MatType.CV_64FC2);
        for (var k = 0; k < indices.Count; k++)
        {
            var model = GenericFaceModel3D.Points[indices[k]];
            objectPoints.Set(k, 0, new Vec3d(model.X, model.Y, model.Z));
            imagePoints.Set(k, 0, new Vec2d(landmarks[indices[k]].X, landmarks[indices[k]].Y));
        }

        double focal = imageSize.Width;
        using var camera = new Mat(3, 3, MatType.CV_64FC1, Scalar.All(0));
        camera.Set(0, 0, focal);
        camera.Set(1, 1, focal);
        camera.Set(0, 2, imageSize.Width / 2.0);
        camera.Set(1, 2, imageSize.Height / 2.0);
        camera.Set(2, 2, 1.0);
        using var distortion = new Mat(4, 1, MatType.CV_64FC1, Scalar.All(0));
        using var rvec = new Mat();
        using var tvec = new Mat();
        Cv2.SolvePnP(objectPoints, imagePoints, camera, distortion, rvec, tvec);
        if (tvec.At<double>(2) <= 0)
        {
            // The iterative solver can settle on the mirror solution behind the camera (roll near
            // ±90°); restart it from EPnP, which has no such minimum.
            Cv2.SolvePnP(objectPoints, imagePoints, camera, distortion, rvec, tvec, false, SolvePnPMethod.EPNP);
            Cv2.SolvePnP(objectPoints, imagePoints, camera, distortion, rvec, tvec, true, SolvePnPMethod.Iterative);
        }

        using var rotation = new Mat();
        Cv2.Rodrigues(rvec, rotation);
        var r = new double[3, 3];
        for (var i = 0; i < 3; i++)
            for (var j = 0; j < 3; j++) r[i, j] = rotation.At<double>(i, j);
        return FromRotation(r);
    }

    /// <summary>
    /// Euler angles of a rotation matrix R: x = atan2(R21, R22), y = atan2(−R20, √(R00²+R10²)),
    /// z = atan2(R10, R00); pitch = −x, yaw = y, roll = z, each clipped to ±π/2. Near gimbal lock
    /// (√(R00²+R10²) ≈ 0) z is 0 and x = atan2(−R12, R11).
    /// </summary>
    public static HeadPose FromRotation(double[,] r)
    {
        ArgumentNullException.ThrowIfNull(r);
        if (r.GetLength(0) != 3 || r.GetLength(1) != 3) throw new ArgumentException("expected a 3×3 rotation", nameof(r));
        var sy = Math.Sqrt(r[0, 0] * r[0, 0] + r[1, 0] * r[1, 0]);
        double x, y, z;
        if (sy > 1e-6)
        {
            x = Math.Atan2(r[2, 1], r[2, 2]);
            y = Math.Atan2(-r[2, 0], sy);
            z = Math.Atan2(r[1, 0], r[0, 0]);
        }
        else
        {
            x = Math.Atan2(-r[1, 2], r[1, 1]);
            y = Math.Atan2(-r[2, 0], sy);
            z = 0;
        }
        const double limit = Math.PI / 2;
        return new HeadPose(Math.Clamp(-x, -limit, limit), Math.Clamp(y, -limit, limit), Math.Clamp(z, -limit, limit));
    }
}
