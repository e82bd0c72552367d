using FaceLab.Common;
using FaceLab.Training.Export;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace FaceLab.Training.Models;

/// <summary>
/// A face-swap autoencoder: trains src→src and dst→dst reconstructions and predicts the swap
/// dst→src. Subclasses declare the architecture; this base gives the trainer a uniform view
/// (signature, parameter groups, device placement, evaluation-mode prediction).
/// </summary>
internal abstract class FaceSwapModel : nn.Module
{
    protected FaceSwapModel(string architecture, int architectureVersion, ModelOptions options) : base(architecture)
    {
        if (options.Resolution <= 0 || options.Resolution % 16 != 0)
            throw new FaceLabException(architecture, $"resolution {options.Resolution} is not a positive multiple of 16", "choose a resolution such as 64, 128 or 256");
        Options = options;
        Signature = new ModelSignature(architecture, architectureVersion, options.ArchitectureText());
    }

    public ModelOptions Options { get; }

    public ModelSignature Signature { get; }

    public int Resolution => Options.Resolution;

    /// <summary>Side of the faces the model reads (its outputs are at <see cref="Resolution"/>); the same for most models.</summary>
    public virtual int InputResolution => Resolution;

    /// <summary>Video frames an input holds, stacked on the channels (previous, current, next); 1 for most models.</summary>
    public virtual int TemporalFrames => 1;

    /// <summary>Training forward pass: src through the src path, dst through the dst path.</summary>
    public abstract ReconstructionPair Reconstruct(Tensor source, Tensor destination);

    /// <summary>One direction for a batch of faces (N×3×R×R in [0, 1]); keeps autograd as the caller set it.</summary>
    public abstract FaceOutput Forward(PredictionDirection direction, Tensor faces);

    /// <summary>
    /// The swap dst → src and the mask the dst path learns for the same faces (the merger's
    /// "learned dst" mask). Layouts override it to run the layers both share (the encoder) once.
    /// </summary>
    public virtual (FaceOutput Swap, Tensor DestinationMask) ForwardSwap(Tensor faces) =>
        (Forward(PredictionDirection.DestinationToSource, faces), Forward(PredictionDirection.DestinationToDestination, faces).Mask);

    /// <summary>
    /// Writes <see cref="ForwardSwap"/> into an ONNX graph from <paramref name="faces"/> (N×3×R×R in
    /// [0, 1]) with the layers' own <c>Export</c>. A model type without it cannot be exported.
    /// </summary>
    /// <remarks>The input is N×(3·<see cref="TemporalFrames"/>)×I×I at <see cref="InputResolution"/>.</remarks>
    internal virtual SwapValues ExportSwap(OnnxGraph graph, OnnxValue faces) =>
        throw new FaceLabException(Signature.Architecture, "cannot be exported to ONNX (its layers do not write an ONNX graph yet)", "export another model type");

    /// <summary>The model's weights split by part; together they are all trainable parameters.</summary>
    public abstract IReadOnlyList<ParameterGroup> ParameterGroups();

    /// <summary>Inference: evaluation mode, no gradients; restores training mode afterwards.</summary>
    public FaceOutput Predict(PredictionDirection direction, Tensor faces)
    {
        var wasTraining = training;
        eval();
        try
        {
            using var noGrad = no_grad();
            return Forward(direction, faces);
        }
        finally
        {
            if (wasTraining) train();
        }
    }

    /// <summary>The device the weights live on.</summary>
    public Device Device => parameters().First().device;

    protected static ParameterGroup Group(string name, nn.Module module) =>
        new(name, [.. module.parameters()]);

    protected static Parameter[] All(params nn.Module[] modules) => [.. modules.SelectMany(m => m.parameters())];
}
