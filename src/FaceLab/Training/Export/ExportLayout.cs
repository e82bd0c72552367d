namespace FaceLab.Training.Export;

/// <summary>Tensor names of the two export layouts (see <see cref="ExportFormat"/>).</summary>
internal static class ExportLayout
{
    public const string OnnxInput = "face";
    public const string OnnxFace = "swap_face";
    public const string OnnxMask = "swap_mask";
    public const string OnnxDestinationMask = "dst_mask";

    /// <summary>DeepFaceLive finds the input by this name (a second input, <c>morph_value:0</c>, is only for its morphing models).</summary>
    public const string DfmInput = "in_face:0";

    /// <summary>DeepFaceLive takes the outputs by position: the dst mask, the swapped face, the swapped face's mask.</summary>
    public static readonly string[] DfmOutputs = ["out_face_mask:0", "out_celeb_face:0", "out_celeb_face_mask:0"];
}
