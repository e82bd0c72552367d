using System.Numerics;
using System.Runtime.InteropServices;

namespace FaceLab.FaceSets.Features;

/// <summary>
/// Compact colour histograms of a face image: <see cref="Bins"/> bins per B, G, R channel, each
/// channel normalised to sum 1 and stored as square roots. With square roots the Bhattacharyya
/// coefficient of a channel is a plain dot product, so comparing two faces is three short SIMD
/// dot products (<see cref="Distance"/>). 96 floats a face keep 10,000 faces in 3.8 MB.
/// </summary>
internal static class FaceHistogram
{
    /// <summary>Bins per channel; 32 resolve skin, hair and background tones without JPEG noise dominating.</summary>
    public const int Bins = 32;

    public const int Channels = 3;

    /// <summary>Floats per face.</summary>
    public const int Length = Bins * Channels;

    /// <summary>
    /// Sum over the channels of the Hellinger distance √(1 − BC), where BC is the Bhattacharyya
    /// coefficient of the channel's histograms (OpenCV's HISTCMP_BHATTACHARYYA on normalised
    /// histograms). 0 for equal histograms, at most 3; a metric.
    /// </summary>
    public static float Distance(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var total = 0f;
        for (var c = 0; c < Channels; c++)
        {
            var bc = Dot(a.Slice(c * Bins, Bins), b.Slice(c * Bins, Bins));
            total += MathF.Sqrt(MathF.Max(0f, 1f - bc));
        }
        return total;
    }

    /// <summary>Dot product with <see cref="Vector{T}"/> (8 or 16 lanes on AVX2/AVX-512 machines).</summary>
    public static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var va = MemoryMarshal.Cast<float, Vector<float>>(a);
        var vb = MemoryMarshal.Cast<float, Vector<float>>(b);
        var sum = Vector<float>.Zero;
        for (var i = 0; i < va.Length; i++) sum += va[i] * vb[i];
        var result = Vector.Sum(sum);
        for (var i = va.Length * Vector<float>.Count; i < a.Length; i++) result += a[i] * b[i];
        return result;
    }
}
