namespace FaceLab.Faces.Detection.Mtcnn;

/// <summary>The parameter-free (or per-channel) steps between MTCNN's layers.</summary>
internal static class Activations
{
    /// <summary>Parametric ReLU in place: negative values are multiplied by their channel's alpha.</summary>
    public static void PRelu(Span<float> values, float[] alpha)
    {
        var channels = alpha.Length;
        for (var i = 0; i < values.Length; i++)
            if (values[i] < 0) values[i] *= alpha[i % channels];
    }

    /// <summary>Max pooling with TF's 'same' (pad so that out = ⌈in/stride⌉, padding ignored) or 'valid' rule.</summary>
    public static FeatureMap MaxPool(FeatureMap input, int kernel, int stride, bool samePadding)
    {
        int OutSize(int n) => samePadding ? (n + stride - 1) / stride : (n - kernel) / stride + 1;
        int PadBefore(int n, int outSize) => samePadding ? Math.Max((outSize - 1) * stride + kernel - n, 0) / 2 : 0;
        var rows = OutSize(input.Rows);
        var cols = OutSize(input.Cols);
        var padRows = PadBefore(input.Rows, rows);
        var padCols = PadBefore(input.Cols, cols);
        var output = new FeatureMap(rows, cols, input.Channels);
        for (var r = 0; r < rows; r++)
        {
            var r0 = Math.Max(r * stride - padRows, 0);
            var r1 = Math.Min(r * stride - padRows + kernel, input.Rows);
            for (var c = 0; c < cols; c++)
            {
                var c0 = Math.Max(c * stride - padCols, 0);
                var c1 = Math.Min(c * stride - padCols + kernel, input.Cols);
                var acc = output.At(r, c);
                acc.Fill(float.NegativeInfinity);
                for (var ir = r0; ir < r1; ir++)
                    for (var ic = c0; ic < c1; ic++)
                    {
                        var v = input.At(ir, ic);
                        for (var ch = 0; ch < acc.Length; ch++)
                            if (v[ch] > acc[ch]) acc[ch] = v[ch];
                    }
            }
        }
        return output;
    }

    /// <summary>The probability of class 1 of a two-class softmax over (logit0, logit1).</summary>
    public static float SecondClassProbability(float logit0, float logit1) => 1f / (1f + MathF.Exp(logit0 - logit1));
}
