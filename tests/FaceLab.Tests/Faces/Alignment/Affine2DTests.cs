using FaceLab.Faces.Alignment;
using OpenCvSharp;

namespace FaceLab.Tests.Faces.Alignment;

public class Affine2DTests
{
    [Fact]
    public void FromTrianglesMapsTheThreePointsExactly()
    {
        Point2d[] source = [new(10.25, 3.5), new(200.125, -7.75), new(55.5, 180.0625)];
        Point2d[] target = [new(0, 0), new(256, 0), new(256, 256)];

        var transform = Affine2D.FromTriangles(source[0], source[1], source[2], target[0], target[1], target[2]);

        for (var i = 0; i < 3; i++)
        {
            var p = transform.Apply(source[i]);
            Assert.Equal(target[i].X, p.X, 10);
            Assert.Equal(target[i].Y, p.Y, 10);
        }
        using var opencv = Cv2.GetAffineTransform(
            source.Select(p => new Point2f((float)p.X, (float)p.Y)),
            target.Select(p => new Point2f((float)p.X, (float)p.Y)));
        var expected = Affine2D.FromMat(opencv);
        Assert.Equal(expected.M00, transform.M00, 6);
        Assert.Equal(expected.M12, transform.M12, 3);
    }

    [Fact]
    public void MatRoundTripKeepsDoubles()
    {
        var transform = new Affine2D(1.0 / 3, 2.0 / 7, 1e-9, -5.5, Math.PI, 1e6 + 0.1);
        using var mat = transform.ToMat();
        Assert.Equal(MatType.CV_64FC1, mat.Type());
        Assert.Equal(transform, Affine2D.FromMat(mat));
    }

    [Fact]
    public void SingularTransformHasNoInverse()
    {
        Assert.Throws<InvalidOperationException>(() => new Affine2D(1, 2, 0, 2, 4, 0).Inverse());
    }
}
