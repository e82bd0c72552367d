using OpenCvSharp;

namespace FaceLab.Faces.Alignment;

/// <summary>
/// A 2×3 affine transform in double precision, <c>[x', y'] = [[M00 M01 M02] [M10 M11 M12]]·[x, y, 1]</c>,
/// the layout OpenCV's <c>WarpAffine</c> takes. Kept as plain numbers so that points never pass
/// through float or integer pixels.
/// </summary>
public readonly record struct Affine2D(double M00, double M01, double M02, double M10, double M11, double M12)
{
    /// <summary>The transform that changes nothing.</summary>
    public static Affine2D Identity => new(1, 0, 0, 0, 1, 0);

    /// <summary>Determinant of the linear part; for a similarity it is the squared scale.</summary>
    public double Determinant => M00 * M11 - M01 * M10;

    /// <summary>Uniform scale of a similarity transform (square root of the determinant's magnitude).</summary>
    public double Scale => Math.Sqrt(Math.Abs(Determinant));

    /// <summary><paramref name="p"/> transformed.</summary>
    public Point2d Apply(Point2d p) => new(M00 * p.X + M01 * p.Y + M02, M10 * p.X + M11 * p.Y + M12);

    /// <summary>Every point transformed.</summary>
    public Point2d[] Apply(IReadOnlyList<Point2d> points)
    {
        var result = new Point2d[points.Count];
        for (var i = 0; i < result.Length; i++) result[i] = Apply(points[i]);
        return result;
    }

    /// <summary>The inverse transform; throws when the transform is singular.</summary>
    public Affine2D Inverse()
    {
        var det = Determinant;
        if (det == 0 || !double.IsFinite(det))
            throw new InvalidOperationException("the affine transform is singular and has no inverse");
        var a = M11 / det;
        var b = -M01 / det;
        var c = -M10 / det;
        var d = M00 / det;
        return new Affine2D(a, b, -(a * M02 + b * M12), c, d, -(c * M02 + d * M12));
    }

    /// <summary><c>this</c> applied after <paramref name="first"/>.</summary>
    public Affine2D After(Affine2D first) => new(
        M00 * first.M00 + M01 * first.M10,
        M00 * first.M01 + M01 * first.M11,
        M00 * first.M02 + M01 * first.M12 + M02,
        M10 * first.M00 + M11 * first.M10,
        M10 * first.M01 + M11 * first.M11,
        M10 * first.M02 + M11 * first.M12 + M12);

    /// <summary>A new 2×3 <c>CV_64FC1</c> matrix; the caller disposes it.</summary>
    public Mat ToMat()
    {
        var mat = new Mat(2, 3, MatType.CV_64FC1);
        mat.Set(0, 0, M00);
        mat.Set(0, 1, M01);
        mat.Set(0, 2, M02);
        mat.Set(1, 0, M10);
        mat.Set(1, 1, M11);
        mat.Set(1, 2, M12);
        return mat;
    }

    /// <summary>Reads a 2×3 matrix of doubles or floats.</summary>
    public static Affine2D FromMat(Mat mat)
    {
        if (mat.Rows != 2 || mat.Cols != 3 || mat.Channels() != 1)
            throw new ArgumentException("expected a 2×3 single-channel matrix", nameof(mat));
        using var m = new Mat();
        mat.ConvertTo(m, MatType.CV_64FC1);
        return new Affine2D(m.At<double>(0, 0), m.At<double>(0, 1), m.At<double>(0, 2),
            m.At<double>(1, 0), m.At<double>(1, 1), m.At<double>(1, 2));
    }

    /// <summary>The affine transform taking three source points onto three destination points.</summary>
    public static Affine2D FromTriangles(
        Point2d s0, Point2d s1, Point2d s2, Point2d d0, Point2d d1, Point2d d2)
    {
        // Solve the two 3×3 systems by Cramer's rule: exact enough and no float round trip through OpenCV.
        var det = s0.X * (s1.Y - s2.Y) - s0.Y * (s1.X - s2.X) + (s1.X * s2.Y - s2.X * s1.Y);
        if (Math.Abs(det) < 1e-300)
            throw new ArgumentException("the source points are collinear");
        var (a, b, c) = SolveRow(d0.X, d1.X, d2.X);
        var (d, e, f) = SolveRow(d0.Y, d1.Y, d2.Y);
        return new Affine2D(a, b, c, d, e, f);

        (double, double, double) SolveRow(double v0, double v1, double v2)
        {
            var m0 = (v0 * (s1.Y - s2.Y) - s0.Y * (v1 - v2) + (v1 * s2.Y - v2 * s1.Y)) / det;
            var m1 = (s0.X * (v1 - v2) - v0 * (s1.X - s2.X) + (s1.X * v2 - s2.X * v1)) / det;
            var m2 = (s0.X * (s1.Y * v2 - s2.Y * v1) - s0.Y * (s1.X * v2 - s2.X * v1) + v0 * (s1.X * s2.Y - s2.X * s1.Y)) / det;
            return (m0, m1, m2);
        }
    }
}
