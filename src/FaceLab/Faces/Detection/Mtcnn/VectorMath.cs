using System.Numerics;

namespace FaceLab.Faces.Detection.Mtcnn;

internal static class VectorMath
{
    /// <summary><c>acc += weights · value</c>, SIMD where the hardware has it.</summary>
    public static void MultiplyAdd(Span<float> acc, ReadOnlySpan<float> weights, float value)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated && acc.Length >= Vector<float>.Count)
        {
            var scalar = new Vector<float>(value);
            for (; i <= acc.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                var sum = new Vector<float>(acc[i..]) + new Vector<float>(weights[i..]) * scalar;
                sum.CopyTo(acc[i..]);
            }
        }
        for (; i < acc.Length; i++) acc[i] += weights[i] * value;
    }
}
