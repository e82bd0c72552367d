using FaceLab.Training.Export;
using static TorchSharp.torch;

namespace FaceLab.Training.Layers;

/// <summary>
/// Pixel normalisation (SAEHD's <c>u</c> option): scales each pixel's feature vector to unit root
/// mean square across channels, which keeps the code's magnitude stable between src and dst.
/// </summary>
internal static class PixelNorm
{
    private const double Epsilon = 1e-6;

    public static Tensor Apply(Tensor input) =>
        input * (input.square().mean([1], keepdim: true) + Epsilon).rsqrt();

    public static OnnxValue Export(OnnxGraph graph, OnnxValue input) =>
        graph.Div(input, graph.Sqrt(graph.Add(graph.ReduceMean(graph.Mul(input, input), 1), (float)Epsilon)));
}
