using FaceLab.Common;
using FaceLab.Training.Models;
using static TorchSharp.torch;

namespace FaceLab.Training.Losses;

/// <summary>The loss of one identity's reconstruction, weighted as <see cref="LossOptions"/> says.</summary>
internal sealed class FaceLoss : IDisposable
{
    private readonly Dssim dssim;
    private readonly MaskBlur blur;

    public FaceLoss(int resolution, LossOptions? options = null, Device? device = null)
    {
        Options = options ?? new LossOptions();
        dssim = new Dssim(resolution, 3, device);
        blur = new MaskBlur(resolution, device);
    }

    public LossOptions Options { get; }

    /// <summary>The weighted loss as a scalar tensor (differentiable).</summary>
    public Tensor Compute(FaceOutput prediction, FaceTarget target)
    {
        var predicted = prediction.Face;
        var expected = target.Face;
        if (Options.Masked)
        {
            var soft = blur.Apply(target.Mask);
            predicted = predicted * soft;
            expected = expected * soft;
        }
        var loss = Options.DssimWeight * dssim.Compute(predicted, expected)
            + Options.MseWeight * nn.functional.mse_loss(predicted, expected);
        if (Options.EyesMouthPriority)
        {
            var eyesMouth = target.EyesMouthMask
                ?? throw new FaceLabException("eyes/mouth priority", "is on but the batch has no eye+mouth mask", "turn eyes/mouth priority off, or train on faces with landmarks");
            loss += Options.EyesMouthWeight * (target.Face * eyesMouth - prediction.Face * eyesMouth).abs().mean();
        }
        if (Options.MaskWeight > 0)
            loss += Options.MaskWeight * nn.functional.mse_loss(prediction.Mask, target.Mask);
        return loss;
    }

    public void Dispose()
    {
        dssim.Dispose();
        blur.Dispose();
    }
}
