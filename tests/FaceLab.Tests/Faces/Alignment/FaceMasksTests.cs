using FaceLab.Faces.Alignment;
using OpenCvSharp;

namespace FaceLab.Tests.Faces.Alignment;

public class FaceMasksTests
{
    private static Point2d[] AlignedWholeFace(string pts)
    {
        var landmarks = GoldenFixture.Landmarks(pts);
        return FaceAligner.ImageToFace(landmarks, FaceType.WholeFace, GoldenFixture.Size).Apply(landmarks);
    }

    private static Size MaskSize => new(GoldenFixture.Size, GoldenFixture.Size);

    [Theory]
    [MemberData(nameof(GoldenFixture.FaceNames), MemberType = typeof(GoldenFixture))]
    public void HullMatchesTheGoldenOpenCvRendering(string pts)
    {
        var golden = GoldenFixture.Face(pts).GetProperty("hull_whole_face_opencv");
        using var mask = FaceMasks.Hull(AlignedWholeFace(pts), MaskSize);

        var iou = IoU(Decode(golden), Pixels(mask));
        Assert.True(iou >= 0.99, $"IoU {iou:F4}, {Cv2.CountNonZero(mask)} px vs golden {golden.GetProperty("pixels").GetInt32()} px");
    }

    [Theory]
    [MemberData(nameof(GoldenFixture.FaceNames), MemberType = typeof(GoldenFixture))]
    public void HullDiffersFromTheIndependentRasterisationOnlyAtTheEdge(string pts)
    {
        // The numpy golden paints pixels whose centre is inside; OpenCV also paints pixels the edges
        // touch: the shapes must agree except for a one-pixel rim.
        var golden = Decode(GoldenFixture.Face(pts).GetProperty("hull_whole_face"));
        using var mask = FaceMasks.Hull(AlignedWholeFace(pts), MaskSize);
        var actual = Pixels(mask);

        Assert.True(IoU(golden, actual) >= 0.98, $"IoU {IoU(golden, actual):F4}");
        var width = MaskSize.Width;
        for (var i = 0; i < actual.Length; i++)
        {
            if (actual[i] == golden[i]) continue;
            var (y, x) = Math.DivRem(i, width);
            var other = actual[i] ? golden : actual;
            var near = false;
            for (var dy = -1; dy <= 1 && !near; dy++)
                for (var dx = -1; dx <= 1 && !near; dx++)
                {
                    int yy = y + dy, xx = x + dx;
                    near = yy >= 0 && xx >= 0 && yy < MaskSize.Height && xx < width && other[yy * width + xx];
                }
            Assert.True(near, $"pixel ({x}, {y}) differs away from the hull's edge");
        }
    }

    [Theory]
    [MemberData(nameof(GoldenFixture.FaceNames), MemberType = typeof(GoldenFixture))]
    public void BrowExpansionGrowsTheHullAsTheGoldenSays(string pts)
    {
        var face = GoldenFixture.Face(pts);
        var aligned = AlignedWholeFace(pts);
        using var expanded = FaceMasks.Hull(aligned, MaskSize);
        using var plain = FaceMasks.Hull(aligned, MaskSize, new MaskOptions { EyebrowsExpand = 0 });

        var goldenPlain = face.GetProperty("hull_whole_face_no_brow_expand_pixels").GetInt32();
        Assert.InRange(Cv2.CountNonZero(plain), goldenPlain * 0.98, goldenPlain * 1.02);
        Assert.True(Cv2.CountNonZero(expanded) > Cv2.CountNonZero(plain));
    }

    [Theory]
    [MemberData(nameof(GoldenFixture.FaceNames), MemberType = typeof(GoldenFixture))]
    public void EyeAndMouthMasksMatchTheGoldenMass(string pts)
    {
        var face = GoldenFixture.Face(pts);
        var aligned = AlignedWholeFace(pts);
        using var eyes = FaceMasks.Eyes(aligned, MaskSize);
        using var mouth = FaceMasks.Mouth(aligned, MaskSize);

        var goldenEyes = face.GetProperty("eyes_whole_face_sum").GetDouble();
        var goldenMouth = face.GetProperty("mouth_whole_face_sum").GetDouble();
        Assert.InRange(Cv2.Sum(eyes).Val0, goldenEyes * 0.97, goldenEyes * 1.03);
        Assert.InRange(Cv2.Sum(mouth).Val0, goldenMouth * 0.97, goldenMouth * 1.03);
    }

    [Fact]
    public void MasksAreNonEmptyZeroToOneAndCoverTheirFeatures()
    {
        var aligned = AlignedWholeFace("ibug300w_lfpw_68pt/sd_image_0001.pts");
        using var hull = FaceMasks.Hull(aligned, MaskSize);
        using var eyes = FaceMasks.Eyes(aligned, MaskSize);
        using var mouth = FaceMasks.Mouth(aligned, MaskSize);
        foreach (var mask in new[] { hull, eyes, mouth })
        {
            Assert.Equal(MatType.CV_32FC1, mask.Type());
            Assert.Equal(MaskSize, mask.Size());
            mask.MinMaxLoc(out double min, out double max);
            Assert.Equal(0, min);
            Assert.InRange(max, 0.99, 1.0);
            Assert.True(Cv2.CountNonZero(mask) > 0);
        }
        Assert.Equal(1f, At(hull, aligned[30]));
        Assert.Equal(0f, hull.At<float>(0, 0));
        Assert.True(At(eyes, Mean(aligned, LandmarkGroups.RightEye)) > 0.9f);
        Assert.True(At(eyes, Mean(aligned, LandmarkGroups.LeftEye)) > 0.9f);
        Assert.True(At(mouth, Mean(aligned, LandmarkGroups.InnerMouth)) > 0.5f);
        Assert.Equal(0f, At(mouth, aligned[30]));

        using var bytes = FaceMasks.ToBytes(hull);
        Assert.Equal(MatType.CV_8UC1, bytes.Type());
        Assert.Equal(Cv2.CountNonZero(hull), Cv2.CountNonZero(bytes));
    }

    [Fact]
    public void FeatureKernelsScaleWithTheFace()
    {
        Assert.Equal(8, FaceMasks.DilationPixels(256, MaskOptions.Default));
        Assert.Equal(17, FaceMasks.BlurPixels(256, MaskOptions.Default));
        Assert.Equal(1, FaceMasks.BlurPixels(8, MaskOptions.Default));
    }

    private static float At(Mat mask, Point2d p) => mask.At<float>((int)Math.Round(p.Y), (int)Math.Round(p.X));

    private static Point2d Mean(IReadOnlyList<Point2d> points, IReadOnlyList<int> indices) =>
        new(indices.Average(i => points[i].X), indices.Average(i => points[i].Y));

    private static bool[] Pixels(Mat mask)
    {
        mask.GetArray(out float[] values);
        return [.. values.Select(v => v > 0.5f)];
    }

    private static double IoU(bool[] a, bool[] b) =>
        (double)a.Zip(b).Count(p => p.First && p.Second) / a.Zip(b).Count(p => p.First || p.Second);

    /// <summary>A golden mask stored as run bounds (start, end exclusive, …) over the row-major pixels.</summary>
    private static bool[] Decode(System.Text.Json.JsonElement golden)
    {
        var bounds = GoldenFixture.Numbers(golden.GetProperty("rle")).Select(v => (int)v).ToArray();
        var pixels = new bool[MaskSize.Width * MaskSize.Height];
        for (var k = 0; k + 1 < bounds.Length; k += 2)
            for (var i = bounds[k]; i < bounds[k + 1]; i++) pixels[i] = true;
        return pixels;
    }
}
