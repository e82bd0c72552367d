using static TorchSharp.torch;

namespace FaceLab.Training.Models;

/// <summary>A decoded face batch: RGB in [0, 1] (N×3×R×R) and its mask in [0, 1] (N×1×R×R).</summary>
internal sealed record FaceOutput(Tensor Face, Tensor Mask);

/// <summary>
/// The training forward pass: both identities reconstructed by their own path and, for models
/// whose trainer discriminates codes (SAEHD's true face), the bottleneck codes of both inputs.
/// </summary>
internal sealed record ReconstructionPair(FaceOutput Source, FaceOutput Destination, Tensor? SourceCode = null, Tensor? DestinationCode = null);

/// <summary>What a model can predict from a batch of faces.</summary>
public enum PredictionDirection
{
    /// <summary>src face → src face (reconstruction).</summary>
    SourceToSource,

    /// <summary>dst face → dst face (reconstruction).</summary>
    DestinationToDestination,

    /// <summary>dst face → src identity with dst's expression and pose: the swap.</summary>
    DestinationToSource,
}
