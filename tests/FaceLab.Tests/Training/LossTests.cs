using FaceLab.Common;
using FaceLab.Training.Losses;
using FaceLab.Training.Models;
using static TorchSharp.torch;

namespace FaceLab.Tests.Training;

public class LossTests
{
    private const int R = 64;

    [Fact]
    public void Masked_loss_ignores_the_background()
    {
        using var scope = NewDisposeScope();
        var target = full(1, 3, R, R, 0.5f);
        var mask = zeros(1, 1, R, R);
        mask[TensorIndex.Colon, TensorIndex.Colon, TensorIndex.Slice(16, 48), TensorIndex.Slice(16, 48)] = tensor(1f);
        var wrongBackground = target.clone();
        wrongBackground[TensorIndex.Colon, TensorIndex.Colon, TensorIndex.Slice(0, 4), TensorIndex.Colon] = tensor(1f);
        using var masked = new FaceLoss(R, new LossOptions { MaskWeight = 0 });
        using var unmasked = new FaceLoss(R, new LossOptions { MaskWeight = 0, Masked = false });
        var prediction = new FaceOutput(wrongBackground, mask);

        Assert.Equal(0, masked.Compute(prediction, new FaceTarget(target, mask)).item<float>(), 6);
        Assert.True(unmasked.Compute(prediction, new FaceTarget(target, mask)).item<float>() > 0.01);
    }

    [Fact]
    public void Weights_combine_as_configured()
    {
        using var scope = NewDisposeScope();
        var target = full(1, 3, R, R, 0.5f);
        var prediction = full(1, 3, R, R, 0.6f);
        var mask = ones(1, 1, R, R);
        var eyesMouth = zeros(1, 1, R, R);
        eyesMouth[TensorIndex.Colon, TensorIndex.Colon, TensorIndex.Slice(0, 32), TensorIndex.Colon] = tensor(1f);
        var predictedMask = full(1, 1, R, R, 0.8f);
        var options = new LossOptions { Masked = false, DssimWeight = 0, EyesMouthPriority = true };
        using var loss = new FaceLoss(R, options);

        var value = loss.Compute(new FaceOutput(prediction, predictedMask), new FaceTarget(target, mask, eyesMouth)).item<float>();

        // 10·MSE (0.01) + 300·MAE under the eye/mouth half (0.1 on half the pixels) + 10·mask MSE (0.04).
        Assert.Equal(10 * 0.01 + 300 * 0.05 + 10 * 0.04, value, 3);
    }

    [Fact]
    public void Eyes_mouth_priority_without_its_mask_is_a_clear_error()
    {
        using var scope = NewDisposeScope();
        var face = rand(1, 3, R, R);
        var mask = ones(1, 1, R, R);
        using var loss = new FaceLoss(R, new LossOptions { EyesMouthPriority = true });
        Assert.Throws<FaceLabException>(() => loss.Compute(new FaceOutput(face, mask), new FaceTarget(face, mask)));
    }

    [Fact]
    public void Mask_blur_keeps_the_mask_size_and_softens_its_edge()
    {
        using var scope = NewDisposeScope();
        var mask = zeros(1, 1, R, R);
        mask[TensorIndex.Colon, TensorIndex.Colon, TensorIndex.Colon, TensorIndex.Slice(32, R)] = tensor(1f);
        using var blur = new MaskBlur(R);
        var soft = blur.Apply(mask);
        Assert.Equal(mask.shape, soft.shape);
        var edge = soft[0, 0, 32, 32].item<float>();
        Assert.InRange(edge, 0.5f, 0.95f);
        Assert.Equal(1f, soft[0, 0, 32, 48].item<float>(), 4);
    }
}
