using TorchSharp.Modules;
using static TorchSharp.torch;

namespace FaceLab.Training.Optimization;

/// <summary>
/// Adam as the 2018 models trained: lr 5e-5, β1 0.5 (a short momentum memory suits the
/// ever-changing random warps), β2 0.999, ε 1e-7.
/// </summary>
public sealed record AdamOptions
{
    /// <summary>The step size.</summary>
    public double LearningRate { get; init; } = 5e-5;

    /// <summary>Decay of the first moment (DeepFaceLab uses 0.5).</summary>
    public double Beta1 { get; init; } = 0.5;

    /// <summary>Decay of the second moment.</summary>
    public double Beta2 { get; init; } = 0.999;

    /// <summary>Added to the denominator for stability.</summary>
    public double Epsilon { get; init; } = 1e-7;

    internal Adam Create(IEnumerable<Parameter> parameters) =>
        optim.Adam(parameters, lr: LearningRate, beta1: Beta1, beta2: Beta2, eps: Epsilon);
}
