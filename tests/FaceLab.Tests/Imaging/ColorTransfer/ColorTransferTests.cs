using FaceLab.Imaging.ColorTransfer;
using OpenCvSharp;

namespace FaceLab.Tests.Imaging.ColorTransfer;

public sealed class ColorTransferTests : IDisposable
{
    private readonly Mat _source = ColorTestImages.Face(0);
    private readonly Mat _target;
    private readonly Mat _natural = ColorTestImages.Face(5);
    private readonly Mat _sourceMask = ColorTestImages.HullMask(0);
    private readonly Mat _targetMask = ColorTestImages.HullMask(5);

    public ColorTransferTests()
    {
        _target = ColorTestImages.Tinted(_natural);
    }

    public void Dispose()
    {
        foreach (var m in new[] { _source, _target, _natural, _sourceMask, _targetMask }) m.Dispose();
    }

    [Fact]
    public void RctMatchesTheLabMeansAndDeviationsOfTheTarget()
    {
        // A natural target: a strongly tinted one pushes results out of the sRGB gamut, where Lab → BGR clips.
        using var result = new ReinhardColorTransfer { Clip = false }.Apply(_source, _natural);
        AssertLabStatisticsMatch(result, null, _natural, null);
    }

    [Fact]
    public void MaskedRctMatchesTheMaskedStatistics()
    {
        using var result = new ReinhardColorTransfer { Clip = false }.Apply(_source, _natural, _sourceMask, _targetMask);
        AssertLabStatisticsMatch(result, _sourceMask, _natural, _targetMask);
    }

    [Theory]
    [InlineData(nameof(CovarianceFactor.Eigen))]
    [InlineData(nameof(CovarianceFactor.Cholesky))]
    public void LctGivesTheTargetMeanAndCovariance(string factor) // the enum is internal; a public test method takes its name
    {
        using var result = new LinearColorTransfer { Factor = Enum.Parse<CovarianceFactor>(factor), Clip = false }.Apply(_source, _target);
        AssertCovarianceMatches(result, null, _target, null, 1e-4);
    }

    [Fact]
    public void MklGivesTheTargetCovarianceExactly()
    {
        using var result = new MongeKantorovichColorTransfer { Clip = false }.Apply(_source, _target);
        AssertCovarianceMatches(result, null, _target, null, 1e-5);
    }

    [Fact]
    public void MaskedMklMatchesTheMaskedCovariance()
    {
        using var result = new MongeKantorovichColorTransfer { Clip = false }.Apply(_source, _target, _sourceMask, _targetMask);
        AssertCovarianceMatches(result, _sourceMask, _target, _targetMask, 1e-5);
    }

    [Fact]
    public void MklIsTheIdentityBetweenEqualDistributions()
    {
        using var result = new MongeKantorovichColorTransfer { Clip = false }.Apply(_source, _source);
        Assert.True(Cv2.Norm(result, _source, NormTypes.INF) < 1e-4);
    }

    [Theory]
    [InlineData("idt")]
    [InlineData("sot")]
    public void DistributionTransfersShrinkTheSlicedWassersteinDistance(string name)
    {
        var transfer = ColorTransfers.Create(name);
        using var result = transfer.Apply(_source, _target, seed: 7);
        var before = ColorDistances.SlicedWasserstein(ColorTestImages.Pixels(_source), ColorTestImages.Pixels(_target));
        var after = ColorDistances.SlicedWasserstein(ColorTestImages.Pixels(result), ColorTestImages.Pixels(_target));
        Assert.True(after < before / 20, $"{name}: sliced W2² {before:E3} → {after:E3}");

        // mkl matches only the first two moments: the full-distribution methods must do better.
        using var linear = new MongeKantorovichColorTransfer().Apply(_source, _target);
        var afterLinear = ColorDistances.SlicedWasserstein(ColorTestImages.Pixels(linear), ColorTestImages.Pixels(_target));
        Assert.True(after < afterLinear, $"{name} {after:E3} vs mkl {afterLinear:E3}");
    }

    [Theory]
    [InlineData("idt")]
    [InlineData("sot")]
    public void DistributionTransfersAreSeeded(string name)
    {
        var transfer = ColorTransfers.Create(name);
        using var a = transfer.Apply(_source, _target, seed: 3);
        using var b = transfer.Apply(_source, _target, seed: 3);
        using var c = transfer.Apply(_source, _target, seed: 4);
        Assert.Equal(0, Cv2.Norm(a, b, NormTypes.INF));
        Assert.True(Cv2.Norm(a, c, NormTypes.INF) > 0);
    }

    [Theory]
    [InlineData("rct")]
    [InlineData("lct")]
    [InlineData("mkl")]
    [InlineData("idt")]
    [InlineData("sot")]
    public void MaskedTransfersIgnorePixelsOutsideTheMasks(string name)
    {
        var transfer = ColorTransfers.Create(name);
        using var result = transfer.Apply(_source, _target, _sourceMask, _targetMask, seed: 1);

        // Paint everything outside the masks in a loud colour: the result inside the source mask must not change.
        using var loudSource = Painted(_source, _sourceMask, new Scalar(0, 1, 0));
        using var loudTarget = Painted(_target, _targetMask, new Scalar(1, 0, 1));
        using var again = transfer.Apply(loudSource, loudTarget, _sourceMask, _targetMask, seed: 1);
        var max = 0.0;
        var before = ColorTestImages.Pixels(result, _sourceMask);
        var after = ColorTestImages.Pixels(again, _sourceMask);
        for (var i = 0; i < before.Count; i++)
            for (var c = 0; c < 3; c++) max = Math.Max(max, Math.Abs(before[i][c] - after[i][c]));
        Assert.True(max < 1e-4, $"{name}: inside pixels changed by {max}");

        // ...and the masked statistics differ from the unmasked ones, so the masks were used at all.
        using var unmasked = transfer.Apply(_source, _target, seed: 1);
        Assert.True(Cv2.Norm(unmasked, result, NormTypes.L1) / result.Total() > 1e-3, name);
    }

    [Fact]
    public void EveryNamedModeKeepsTheSizeAndRange()
    {
        foreach (var name in ColorTransfers.Names)
        {
            using var result = ColorTransfers.Create(name).Apply(_source, _target);
            Assert.Equal(_source.Size(), result.Size());
            Assert.Equal(MatType.CV_32FC3, result.Type());
            Cv2.MinMaxLoc(result.Reshape(1), out double min, out double max);
            Assert.True(min >= 0 && max <= 1, $"{name}: {min}..{max}");
        }
        Assert.Throws<FaceLab.Common.FaceLabException>(() => ColorTransfers.Create("xyz"));
    }

    [Fact]
    public void RegistryKnowsTheMaskedMergeVariantsCaseInsensitively()
    {
        Assert.Equal(["none", "rct", "lct", "mkl", "mkl-m", "idt", "idt-m", "sot", "sot-m", "mix-m"], ColorTransfers.Names);
        Assert.True(ColorTransfers.Modes.Get("MKL-M").Masked);
        Assert.False(ColorTransfers.Modes.Get("mkl").Masked);
        Assert.IsType<MongeKantorovichColorTransfer>(ColorTransfers.Create(" Mkl-m "));
        Assert.True(ColorTransfers.IsNone(" NONE"));
        var error = Assert.Throws<FaceLab.Common.FaceLabException>(() => ColorTransfers.Create("xyz"));
        Assert.Contains("mix-m", error.Hint);
    }

    [Fact]
    public void MixMatchesTheMaskedCovarianceAndShrinksTheDistanceBeyondLct()
    {
        using var mixed = new MixedColorTransfer().Apply(_source, _target, _sourceMask, _targetMask, seed: 2);
        using var linear = new LinearColorTransfer().Apply(_source, _target, _sourceMask, _targetMask);
        var target = ColorTestImages.Pixels(_target, _targetMask);
        var afterMix = ColorDistances.SlicedWasserstein(ColorTestImages.Pixels(mixed, _sourceMask), target);
        var afterLinear = ColorDistances.SlicedWasserstein(ColorTestImages.Pixels(linear, _sourceMask), target);
        Assert.True(afterMix < afterLinear, $"mix-m {afterMix:E3} vs lct {afterLinear:E3}");
    }

    private static Mat Painted(Mat image, Mat mask, Scalar colour)
    {
        var result = image.Clone();
        using var outside = mask.LessThanOrEqual(0.5).ToMat();
        result.SetTo(colour, outside);
        return result;
    }

    private static void AssertLabStatisticsMatch(Mat result, Mat? resultMask, Mat target, Mat? targetMask)
    {
        var (mean, std) = ColorDistances.LabStatistics(result, resultMask);
        var (targetMean, targetStd) = ColorDistances.LabStatistics(target, targetMask);
        var report = $"mean {string.Join(' ', mean.Select(v => v.ToString("F2")))} vs {string.Join(' ', targetMean.Select(v => v.ToString("F2")))}; "
            + $"std {string.Join(' ', std.Select(v => v.ToString("F2")))} vs {string.Join(' ', targetStd.Select(v => v.ToString("F2")))}";
        for (var c = 0; c < 3; c++)
        {
            // Lab → BGR → Lab is not exact outside the sRGB gamut; a unit of L*a*b* is at the edge of visibility.
            Assert.True(Math.Abs(mean[c] - targetMean[c]) < 1.0, report);
            Assert.True(Math.Abs(std[c] - targetStd[c]) < 0.05 * targetStd[c] + 0.3, report);
        }
    }

    private static void AssertCovarianceMatches(Mat result, Mat? resultMask, Mat target, Mat? targetMask, double tolerance)
    {
        var (mean, cov) = ColorDistances.MeanAndCovariance(ColorTestImages.Pixels(result, resultMask));
        var (targetMean, targetCov) = ColorDistances.MeanAndCovariance(ColorTestImages.Pixels(target, targetMask));
        for (var c = 0; c < 3; c++) Assert.True(Math.Abs(mean[c] - targetMean[c]) < 1e-4, $"mean {c}: {mean[c]} vs {targetMean[c]}");
        var error = ColorDistances.RelativeCovarianceError(cov, targetCov);
        Assert.True(error < tolerance, $"relative covariance error {error:E2}");
    }
}
