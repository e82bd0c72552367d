using FaceLab.Faces.Alignment;
using OpenCvSharp;

namespace FaceLab.Training.Samples;

/// <summary>
/// The head yaw of every face of a set (degrees; positive = turned towards image left), computed
/// once with <see cref="HeadPose"/> from the landmarks in the model's square, so every face is
/// measured at the same size and framing. A horizontally flipped face has the negated yaw.
/// </summary>
internal sealed class FaceYaws
{
    private readonly double[] _yaws;
    private readonly int[] _byYaw;

    public FaceYaws(FaceCropCache faces)
    {
        var size = new Size(faces.Resolution, faces.Resolution);
        _yaws = new double[faces.Count];
        Parallel.For(0, faces.Count, i => _yaws[i] = HeadPose.Estimate(faces.ModelLandmarks(i), size).YawDegrees);
        _byYaw = [.. Enumerable.Range(0, _yaws.Length).OrderBy(i => _yaws[i]).ThenBy(i => i)];
    }

    public int Count => _yaws.Length;

    public double this[int index] => _yaws[index];

    /// <summary>Face indices grouped into <paramref name="bins"/> equal yaw bins over ±90°; empty bins left out.</summary>
    public IReadOnlyList<int[]> Bins(int bins)
    {
        var groups = new List<int>[bins];
        for (var i = 0; i < _yaws.Length; i++)
        {
            var bin = Math.Clamp((int)((_yaws[i] + 90) / 180 * bins), 0, bins - 1);
            (groups[bin] ??= []).Add(i);
        }
        return [.. groups.Where(g => g is not null).Select(g => g.ToArray())];
    }

    /// <summary>Faces whose yaw is within <paramref name="tolerance"/> degrees of <paramref name="yaw"/>.</summary>
    public int[] Within(double yaw, double tolerance)
    {
        var first = LowerBound(yaw - tolerance);
        var result = new List<int>();
        for (var k = first; k < _byYaw.Length && _yaws[_byYaw[k]] <= yaw + tolerance; k++) result.Add(_byYaw[k]);
        return [.. result];
    }

    /// <summary>The face whose yaw is closest to <paramref name="yaw"/>.</summary>
    public int Nearest(double yaw)
    {
        var k = LowerBound(yaw);
        if (k == _byYaw.Length) return _byYaw[^1];
        if (k == 0) return _byYaw[0];
        return Math.Abs(_yaws[_byYaw[k]] - yaw) < Math.Abs(_yaws[_byYaw[k - 1]] - yaw) ? _byYaw[k] : _byYaw[k - 1];
    }

    private int LowerBound(double yaw)
    {
        int lo = 0, hi = _byYaw.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (_yaws[_byYaw[mid]] < yaw) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }
}
