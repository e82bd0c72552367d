using System.Numerics;

namespace FaceLab.Faces.Landmarks;

/// <summary>
/// The few TF layers face-api.js nets use. TF's 'same' padding: output = ceil(in / stride), total
/// padding max((out − 1)·stride + k − in, 0) split with the smaller half before; 'valid': output =
/// (in − k) / stride + 1, no padding. Filters are HWIO (depthwise: HW·C·1). Loops run over output
/// channels innermost so they vectorise.
/// </summary>
internal static class TfConvolution
{
    /// <summary>k×k convolution, 'same' (or, with <paramref name="valid"/>, 'valid') padding, plus bias.</summary>
    public static HwcTensor Conv2D(HwcTensor input, float[] filters, float[] bias, int kernel, int stride, bool valid = false)
    {
        var (outH, padTop) = valid ? ValidSize(input.Height, kernel, stride) : SamePadding(input.Height, kernel, stride);
        var (outW, padLeft) = valid ? ValidSize(input.Width, kernel, stride) : SamePadding(input.Width, kernel, stride);
        var outC = bias.Length;
        var output = new HwcTensor(outH, outW, outC);
        var o = output.Values.AsSpan();
        for (var oy = 0; oy < outH; oy++)
            for (var ox = 0; ox < outW; ox++)
            {
                var target = o.Slice(output.Offset(oy, ox), outC);
                bias.CopyTo(target);
                for (var ky = 0; ky < kernel; ky++)
                {
                    var iy = oy * stride + ky - padTop;
                    if (iy < 0 || iy >= input.Height) continue;
                    for (var kx = 0; kx < kernel; kx++)
                    {
                        var ix = ox * stride + kx - padLeft;
                        if (ix < 0 || ix >= input.Width) continue;
                        var pixel = input.Offset(iy, ix);
                        for (var c = 0; c < input.Channels; c++)
                            MultiplyAdd(target, filters.AsSpan(((ky * kernel + kx) * input.Channels + c) * outC, outC), input.Values[pixel + c]);
                    }
                }
            }
        return output;
    }

    /// <summary>Depthwise-separable convolution: 3×3 depthwise (no bias), then 1×1 pointwise plus bias.</summary>
    public static HwcTensor SeparableConv2D(HwcTensor input, float[] depthwise, float[] pointwise, float[] bias, int stride) =>
        Pointwise(Depthwise3x3(input, depthwise, stride), pointwise, bias);

    /// <summary>Element-wise sum of same-shaped maps, then ReLU, into a new map.</summary>
    public static HwcTensor AddRelu(params HwcTensor[] terms)
    {
        var output = new HwcTensor(terms[0].Height, terms[0].Width, terms[0].Channels);
        var o = output.Values;
        foreach (var t in terms)
            for (var i = 0; i < o.Length; i++) o[i] += t.Values[i];
        for (var i = 0; i < o.Length; i++) o[i] = Math.Max(o[i], 0f);
        return output;
    }

    public static HwcTensor Relu(HwcTensor map)
    {
        var v = map.Values;
        for (var i = 0; i < v.Length; i++) v[i] = Math.Max(v[i], 0f);
        return map;
    }

    /// <summary>k×k max pool, 'valid' padding.</summary>
    public static HwcTensor MaxPool(HwcTensor input, int kernel, int stride)
    {
        var (outH, _) = ValidSize(input.Height, kernel, stride);
        var (outW, _) = ValidSize(input.Width, kernel, stride);
        var channels = input.Channels;
        var output = new HwcTensor(outH, outW, channels);
        for (var oy = 0; oy < outH; oy++)
            for (var ox = 0; ox < outW; ox++)
            {
                var target = output.Values.AsSpan(output.Offset(oy, ox), channels);
                target.Fill(float.MinValue);
                for (var ky = 0; ky < kernel; ky++)
                    for (var kx = 0; kx < kernel; kx++)
                    {
                        var source = input.Values.AsSpan(input.Offset(oy * stride + ky, ox * stride + kx), channels);
                        for (var c = 0; c < channels; c++) target[c] = Math.Max(target[c], source[c]);
                    }
            }
        return output;
    }

    /// <summary>2×2 average pool with stride 2, 'valid' padding (an odd last row or column is dropped).</summary>
    public static HwcTensor AveragePool2x2(HwcTensor input)
    {
        var channels = input.Channels;
        var output = new HwcTensor(input.Height / 2, input.Width / 2, channels);
        for (var oy = 0; oy < output.Height; oy++)
            for (var ox = 0; ox < output.Width; ox++)
            {
                var target = output.Values.AsSpan(output.Offset(oy, ox), channels);
                for (var k = 0; k < 4; k++)
                    MultiplyAdd(target, input.Values.AsSpan(input.Offset(2 * oy + k / 2, 2 * ox + k % 2), channels), 0.25f);
            }
        return output;
    }

    /// <summary>Mean over all positions: a 'valid' average pool whose window covers the whole map.</summary>
    public static float[] GlobalAverage(HwcTensor map)
    {
        var result = new float[map.Channels];
        var positions = map.Height * map.Width;
        for (var p = 0; p < positions; p++)
            for (var c = 0; c < map.Channels; c++) result[c] += map.Values[p * map.Channels + c];
        for (var c = 0; c < result.Length; c++) result[c] /= positions;
        return result;
    }

    /// <summary>Fully connected layer: weights [in, out] row-major, plus bias.</summary>
    public static float[] Dense(float[] input, float[] weights, float[] bias)
    {
        var output = (float[])bias.Clone();
        for (var i = 0; i < input.Length; i++) MultiplyAdd(output, weights.AsSpan(i * bias.Length, bias.Length), input[i]);
        return output;
    }

    private static HwcTensor Depthwise3x3(HwcTensor input, float[] filters, int stride)
    {
        const int kernel = 3;
        var (outH, padTop) = SamePadding(input.Height, kernel, stride);
        var (outW, padLeft) = SamePadding(input.Width, kernel, stride);
        var channels = input.Channels;
        var output = new HwcTensor(outH, outW, channels);
        var o = output.Values.AsSpan();
        for (var oy = 0; oy < outH; oy++)
            for (var ox = 0; ox < outW; ox++)
            {
                var target = o.Slice(output.Offset(oy, ox), channels);
                for (var ky = 0; ky < kernel; ky++)
                {
                    var iy = oy * stride + ky - padTop;
                    if (iy < 0 || iy >= input.Height) continue;
                    for (var kx = 0; kx < kernel; kx++)
                    {
                        var ix = ox * stride + kx - padLeft;
                        if (ix < 0 || ix >= input.Width) continue;
                        MultiplyAdd(target, input.Values.AsSpan(input.Offset(iy, ix), channels), filters.AsSpan((ky * kernel + kx) * channels, channels));
                    }
                }
            }
        return output;
    }

    private static HwcTensor Pointwise(HwcTensor input, float[] filters, float[] bias)
    {
        var outC = bias.Length;
        var output = new HwcTensor(input.Height, input.Width, outC);
        var o = output.Values.AsSpan();
        for (var p = 0; p < input.Height * input.Width; p++)
        {
            var target = o.Slice(p * outC, outC);
            bias.CopyTo(target);
            for (var c = 0; c < input.Channels; c++)
                MultiplyAdd(target, filters.AsSpan(c * outC, outC), input.Values[p * input.Channels + c]);
        }
        return output;
    }

    private static (int Size, int PadBefore) ValidSize(int size, int kernel, int stride) => ((size - kernel) / stride + 1, 0);

    private static (int Size, int PadBefore) SamePadding(int size, int kernel, int stride)
    {
        var output = (size + stride - 1) / stride;
        var total = Math.Max((output - 1) * stride + kernel - size, 0);
        return (output, total / 2);
    }

    /// <summary>target += row · scalar.</summary>
    private static void MultiplyAdd(Span<float> target, ReadOnlySpan<float> row, float scalar)
    {
        var i = 0;
        var s = new Vector<float>(scalar);
        for (; i <= target.Length - Vector<float>.Count; i += Vector<float>.Count)
            (new Vector<float>(target[i..]) + new Vector<float>(row[i..]) * s).CopyTo(target[i..]);
        for (; i < target.Length; i++) target[i] += row[i] * scalar;
    }

    /// <summary>target += a ⊙ b.</summary>
    private static void MultiplyAdd(Span<float> target, ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var i = 0;
        for (; i <= target.Length - Vector<float>.Count; i += Vector<float>.Count)
            (new Vector<float>(target[i..]) + new Vector<float>(a[i..]) * new Vector<float>(b[i..])).CopyTo(target[i..]);
        for (; i < target.Length; i++) target[i] += a[i] * b[i];
    }
}
