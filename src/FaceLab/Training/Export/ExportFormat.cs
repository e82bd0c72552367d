namespace FaceLab.Training.Export;

/// <summary>The file layouts a trained model's swap predictor exports to. Both are ONNX (opset 12) files that ONNX Runtime runs.</summary>
public enum ExportFormat
{
    /// <summary>
    /// Plain ONNX in the inference API's layout: input <c>face</c> (N×3×R×R float, BGR in [0, 1]);
    /// outputs <c>swap_face</c> (N×3×R×R), <c>swap_mask</c> and <c>dst_mask</c> (N×1×R×R).
    /// </summary>
    Onnx,

    /// <summary>
    /// DeepFaceLive's model contract (a <c>.dfm</c> file): input <c>in_face:0</c> (N×R×R×3 float, BGR
    /// in [0, 1]); outputs, in this order, <c>out_face_mask:0</c> (the dst path's mask, N×R×R×1),
    /// <c>out_celeb_face:0</c> (the swapped face, N×R×R×3) and <c>out_celeb_face_mask:0</c> (its mask, N×R×R×1).
    /// </summary>
    Dfm,
}

/// <summary>How to export a trained model.</summary>
public sealed record ExportOptions
{
    /// <summary>The file layout (default ONNX).</summary>
    public ExportFormat Format { get; init; } = ExportFormat.Onnx;

    /// <summary>
    /// Store the weights as float16 (half the file). Inputs, outputs and arithmetic stay float32, as
    /// DeepFaceLive's contract requires; the outputs differ from the float32 export by the weights' rounding.
    /// </summary>
    public bool HalfPrecisionWeights { get; init; }

    /// <summary>Replace an existing file (default: refuse).</summary>
    public bool Overwrite { get; init; }
}

/// <summary>What an export wrote.</summary>
/// <param name="Path">The file.</param>
/// <param name="Bytes">Its size.</param>
/// <param name="Nodes">Operators in its graph.</param>
/// <param name="Resolution">Side of the square faces it reads and writes.</param>
public sealed record ExportedModel(string Path, long Bytes, int Nodes, int Resolution);
