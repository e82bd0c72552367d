namespace FaceLab.Imaging.ColorTransfer;

/// <summary>
/// A 3×3 matrix of doubles (row-major) with the few operations colour transfer needs: products,
/// symmetric eigen decomposition (cyclic Jacobi: exact to rounding for 3×3), square roots and Cholesky.
/// </summary>
internal sealed class Matrix3
{
    private readonly double[] _v;

    public Matrix3(double[] rowMajor)
    {
        if (rowMajor.Length != 9) throw new ArgumentException("expected 9 values", nameof(rowMajor));
        _v = rowMajor;
    }

    public double this[int row, int col] => _v[row * 3 + col];

    public static Matrix3 Identity => new([1, 0, 0, 0, 1, 0, 0, 0, 1]);

    public static Matrix3 Diagonal(double a, double b, double c) => new([a, 0, 0, 0, b, 0, 0, 0, c]);

    public Matrix3 Transpose() => new([_v[0], _v[3], _v[6], _v[1], _v[4], _v[7], _v[2], _v[5], _v[8]]);

    public static Matrix3 operator *(Matrix3 a, Matrix3 b)
    {
        var r = new double[9];
        for (var i = 0; i < 3; i++)
            for (var j = 0; j < 3; j++)
                r[i * 3 + j] = a[i, 0] * b[0, j] + a[i, 1] * b[1, j] + a[i, 2] * b[2, j];
        return new Matrix3(r);
    }

    /// <summary>Eigenvalues and eigenvectors (columns of <c>Vectors</c>) of a symmetric matrix: <c>this = V·diag(λ)·Vᵀ</c>.</summary>
    public (double[] Values, Matrix3 Vectors) SymmetricEigen()
    {
        var a = (double[])_v.Clone();
        var v = new double[] { 1, 0, 0, 0, 1, 0, 0, 0, 1 };
        for (var sweep = 0; sweep < 64; sweep++)
        {
            var off = a[1] * a[1] + a[2] * a[2] + a[5] * a[5];
            var diag = a[0] * a[0] + a[4] * a[4] + a[8] * a[8];
            if (off <= 1e-30 * Math.Max(diag, 1e-300)) break;
            foreach (var (p, q) in new[] { (0, 1), (0, 2), (1, 2) }) Rotate(a, v, p, q);
        }
        return ([a[0], a[4], a[8]], new Matrix3(v));
    }

    /// <summary>
    /// <c>f</c> applied to the eigenvalues of a symmetric matrix, eigenvalues first raised to
    /// <paramref name="floor"/> so that flat colour channels (zero variance) do not blow up inverses.
    /// </summary>
    public Matrix3 SymmetricFunction(Func<double, double> f, double floor)
    {
        var (values, vectors) = SymmetricEigen();
        var d = Diagonal(f(Math.Max(values[0], floor)), f(Math.Max(values[1], floor)), f(Math.Max(values[2], floor)));
        return vectors * d * vectors.Transpose();
    }

    /// <summary>Lower-triangular L with <c>this = L·Lᵀ</c> (symmetric positive definite; diagonal floored).</summary>
    public Matrix3 Cholesky(double floor)
    {
        var l = new double[9];
        for (var i = 0; i < 3; i++)
            for (var j = 0; j <= i; j++)
            {
                var sum = this[i, j];
                for (var k = 0; k < j; k++) sum -= l[i * 3 + k] * l[j * 3 + k];
                l[i * 3 + j] = i == j ? Math.Sqrt(Math.Max(sum, floor)) : sum / l[j * 3 + j];
            }
        return new Matrix3(l);
    }

    /// <summary>Inverse of a lower-triangular matrix by forward substitution.</summary>
    public Matrix3 InverseLowerTriangular()
    {
        var inv = new double[9];
        for (var col = 0; col < 3; col++)
            for (var i = col; i < 3; i++)
            {
                var sum = i == col ? 1.0 : 0.0;
                for (var k = col; k < i; k++) sum -= this[i, k] * inv[k * 3 + col];
                inv[i * 3 + col] = sum / this[i, i];
            }
        return new Matrix3(inv);
    }

    private static void Rotate(double[] a, double[] v, int p, int q)
    {
        var apq = a[p * 3 + q];
        if (Math.Abs(apq) < 1e-300) return;
        var theta = (a[q * 3 + q] - a[p * 3 + p]) / (2 * apq);
        var t = Math.Sign(theta == 0 ? 1 : theta) / (Math.Abs(theta) + Math.Sqrt(theta * theta + 1));
        var c = 1 / Math.Sqrt(t * t + 1);
        var s = t * c;
        for (var k = 0; k < 3; k++)
        {
            // A ← Jᵀ·A·J, columns then rows; V ← V·J.
            double akp = a[k * 3 + p], akq = a[k * 3 + q];
            a[k * 3 + p] = c * akp - s * akq;
            a[k * 3 + q] = s * akp + c * akq;
        }
        for (var k = 0; k < 3; k++)
        {
            double apk = a[p * 3 + k], aqk = a[q * 3 + k];
            a[p * 3 + k] = c * apk - s * aqk;
            a[q * 3 + k] = s * apk + c * aqk;
        }
        for (var k = 0; k < 3; k++)
        {
            double vkp = v[k * 3 + p], vkq = v[k * 3 + q];
            v[k * 3 + p] = c * vkp - s * vkq;
            v[k * 3 + q] = s * vkp + c * vkq;
        }
    }
}
