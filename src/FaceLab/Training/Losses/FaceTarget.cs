using static TorchSharp.torch;

namespace FaceLab.Training.Losses;

/// <summary>
/// What one identity's reconstruction is compared with: the unwarped face (N×3×R×R), its face
/// mask (N×1×R×R) and, for eyes/mouth priority, the eye+mouth mask (N×1×R×R), all in [0, 1].
/// </summary>
internal sealed record FaceTarget(Tensor Face, Tensor Mask, Tensor? EyesMouthMask = null);
