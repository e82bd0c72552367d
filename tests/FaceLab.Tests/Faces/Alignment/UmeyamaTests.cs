using FaceLab.Faces.Alignment;
using OpenCvSharp;

namespace FaceLab.Tests.Faces.Alignment;

public class UmeyamaTests
{
    [Theory]
    [MemberData(nameof(GoldenFixture.FaceNames), MemberType = typeof(GoldenFixture))]
    public void MatchesTheGoldenFitToTheMeanFace(string pts)
    {
        var landmarks = GoldenFixture.Landmarks(pts);
        var golden = GoldenFixture.Numbers(GoldenFixture.Face(pts).GetProperty("umeyama"));
        var source = MeanFace.AlignmentPoints.Select(i => landmarks[i]).ToArray();

        var fit = Umeyama.Estimate(source, MeanFace.AlignmentTemplate);

        AssertClose(golden, fit, 1e-12);
    }

    [Fact]
    public void RecoversAnExactSimilarity()
    {
        var truth = Similarity(angle: 0.7, scale: 2.5, tx: -30, ty: 12.25);
        var source = Enumerable.Range(0, 12).Select(i => new Point2d(i * 3.1 % 7, i * i % 5 - 2.0)).ToArray();

        var fit = Umeyama.Estimate(source, truth.Apply(source));

        AssertClose([truth.M00, truth.M01, truth.M02, truth.M10, truth.M11, truth.M12], fit, 1e-12);
    }

    [Fact]
    public void NeverReturnsAReflection()
    {
        var source = new[] { new Point2d(0, 0), new Point2d(1, 0), new Point2d(0, 2), new Point2d(3, 1) };
        var mirrored = source.Select(p => new Point2d(-p.X, p.Y)).ToArray();

        var fit = Umeyama.Estimate(source, mirrored);

        Assert.True(fit.Determinant > 0);
    }

    [Fact]
    public void RigidFitKeepsUnitScale()
    {
        var truth = Similarity(angle: -0.3, scale: 4, tx: 5, ty: 6);
        var source = new[] { new Point2d(0, 0), new Point2d(1, 0), new Point2d(0, 2), new Point2d(3, 1) };

        var fit = Umeyama.Estimate(source, truth.Apply(source), estimateScale: false);

        Assert.Equal(1.0, fit.Scale, 12);
    }

    internal static Affine2D Similarity(double angle, double scale, double tx, double ty) => new(
        scale * Math.Cos(angle), -scale * Math.Sin(angle), tx,
        scale * Math.Sin(angle), scale * Math.Cos(angle), ty);

    internal static void AssertClose(double[] expected, Affine2D actual, double relativeTolerance)
    {
        double[] values = [actual.M00, actual.M01, actual.M02, actual.M10, actual.M11, actual.M12];
        var magnitude = expected.Max(Math.Abs);
        for (var i = 0; i < 6; i++)
            Assert.True(Math.Abs(expected[i] - values[i]) <= relativeTolerance * magnitude,
                $"element {i}: expected {expected[i]:R}, got {values[i]:R}");
    }
}
