namespace FaceLab.Training.Export;

/// <summary>
/// A layer that writes itself into an ONNX graph: the same computation as its <c>forward</c>, op by
/// op, with its own weights. New layers implement it (layers with several outputs give a method
/// of the same shape returning them), and a model's swap export is the composition of its layers'.
/// </summary>
internal interface IOnnxLayer
{
    /// <summary>Appends the layer to <paramref name="graph"/> applied to <paramref name="input"/>; returns its output.</summary>
    OnnxValue Export(OnnxGraph graph, OnnxValue input);
}

/// <summary>The three tensors of a swap predictor: the dst face turned into the src identity, its mask, and the dst path's mask.</summary>
internal sealed record SwapValues(OnnxValue Face, OnnxValue Mask, OnnxValue DestinationMask);
