using FaceLab.Training.Losses;
using static TorchSharp.torch;

namespace FaceLab.Training;

/// <summary>
/// One training batch of both identities: the warped inputs (N×3×R×R) and what their
/// reconstructions must match. The sample pipeline fills it; all tensors in [0, 1].
/// </summary>
internal sealed record TrainingBatch(Tensor SourceInput, FaceTarget Source, Tensor DestinationInput, FaceTarget Destination)
{
    /// <summary>The same batch on <paramref name="device"/>.</summary>
    public TrainingBatch To(Device device) => new(
        SourceInput.to(device), MoveTarget(Source, device),
        DestinationInput.to(device), MoveTarget(Destination, device));

    private static FaceTarget MoveTarget(FaceTarget t, Device device) =>
        new(t.Face.to(device), t.Mask.to(device), t.EyesMouthMask?.to(device));
}
