using System.Globalization;
using FaceLab.Faces.Alignment;
using FaceLab.Tests.Support;
using OpenCvSharp;

namespace FaceLab.Tests.Faces.Alignment;

public class HeadPoseTests
{
    private const double HalfDegree = 0.5 * Math.PI / 180;

    [Theory]
    [MemberData(nameof(GoldenFixture.FaceNames), MemberType = typeof(GoldenFixture))]
    public void MatchesTheGoldenPoseInTheFrame(string pts)
    {
        var face = GoldenFixture.Face(pts);
        var pose = HeadPose.Estimate(GoldenFixture.Landmarks(pts), GoldenFixture.ImageSize(face));
        AssertPose(face.GetProperty("pose_frame"), pose);
    }

    [Theory]
    [MemberData(nameof(GoldenFixture.FaceNames), MemberType = typeof(GoldenFixture))]
    public void MatchesTheGoldenPoseOfTheAlignedFace(string pts)
    {
        var landmarks = GoldenFixture.Landmarks(pts);
        var size = GoldenFixture.Size;
        var aligned = FaceAligner.ImageToFace(landmarks, FaceType.Full, size).Apply(landmarks);
        var pose = HeadPose.Estimate(aligned, new Size(size, size));
        AssertPose(GoldenFixture.Face(pts).GetProperty("pose_aligned_full"), pose);
    }

    [Theory]
    [MemberData(nameof(GoldenFixture.FaceNames), MemberType = typeof(GoldenFixture))]
    public void MirroringTheFaceFlipsYawAndRoll(string pts)
    {
        var face = GoldenFixture.Face(pts);
        var size = GoldenFixture.ImageSize(face);
        var landmarks = GoldenFixture.Landmarks(pts);
        // Mirror about the principal point (x = w/2) and renumber so point i is again the iBUG point i.
        var mirrored = LandmarkGroups.Mirror.Select(i => new Point2d(size.Width - landmarks[i].X, landmarks[i].Y)).ToArray();

        var pose = HeadPose.Estimate(landmarks, size);
        var flipped = HeadPose.Estimate(mirrored, size);

        Assert.True(Math.Sign(pose.Yaw) == -Math.Sign(flipped.Yaw), $"yaw {pose.YawDegrees:F1}° vs {flipped.YawDegrees:F1}°");
        // The generic model is only nearly symmetric, hence degrees rather than exact equality.
        Assert.InRange(pose.YawDegrees + flipped.YawDegrees, -3, 3);
        Assert.InRange(pose.RollDegrees + flipped.RollDegrees, -3, 3);
        Assert.InRange(pose.PitchDegrees - flipped.PitchDegrees, -3, 3);
    }

    [Fact]
    public void YawAgreesInSignWithTheHeadCropEstimate()
    {
        foreach (var face in GoldenFixture.Faces)
        {
            var pts = face.GetProperty("pts").GetString()!;
            var landmarks = GoldenFixture.Landmarks(pts);
            var pose = HeadPose.Estimate(landmarks, GoldenFixture.ImageSize(face));
            var unit = FaceAligner.ImageToUnitSquare(landmarks).Apply(landmarks);
            Assert.Equal(Math.Sign(HeadYawEstimate.FromUnitLandmarks(unit)), Math.Sign(pose.Yaw));
        }
    }

    [Fact]
    public void IdentityRotationIsTheFrontalPose()
    {
        Assert.Equal(new HeadPose(0, 0, 0), HeadPose.FromRotation(new double[,] { { 1, 0, 0 }, { 0, 1, 0 }, { 0, 0, 1 } }));
        // 30° about the camera's z axis (clockwise on screen, y down) is a roll of +30°.
        var a = Math.PI / 6;
        var pose = HeadPose.FromRotation(new double[,] { { Math.Cos(a), -Math.Sin(a), 0 }, { Math.Sin(a), Math.Cos(a), 0 }, { 0, 0, 1 } });
        Assert.Equal(30, pose.RollDegrees, 9);
        Assert.Equal(0, pose.YawDegrees, 9);
    }

    [Fact]
    public void EmbeddedModelEqualsTheSharedDataFile()
    {
        var rows = File.ReadAllLines(Path.Combine(TestPaths.SharedData, "face_model_3d_68.txt"))
            .Where(l => l.Trim().Length > 0 && !l.TrimStart().StartsWith('#'))
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)
                .Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray())
            .ToArray();
        Assert.Equal(68, rows.Length);
        Assert.Equal(68, GenericFaceModel3D.Points.Count);
        for (var i = 0; i < rows.Length; i++)
            Assert.Equal(new Point3d(rows[i][0], rows[i][1], rows[i][2]), GenericFaceModel3D.Points[i]);
    }

    private static void AssertPose(System.Text.Json.JsonElement golden, HeadPose pose)
    {
        Assert.InRange(pose.Pitch - golden.GetProperty("pitch").GetDouble(), -HalfDegree, HalfDegree);
        Assert.InRange(pose.Yaw - golden.GetProperty("yaw").GetDouble(), -HalfDegree, HalfDegree);
        Assert.InRange(pose.Roll - golden.GetProperty("roll").GetDouble(), -HalfDegree, HalfDegree);
    }
}
