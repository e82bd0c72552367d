using FaceLab.Common;
using FaceLab.Faces.Alignment;
using FaceLab.Merging;
using OpenCvSharp;
using Xunit.Abstractions;

namespace FaceLab.Tests.Merging;

/// <summary>The compositor on a real annotated photo with stand-in predictions of known content.</summary>
public sealed class FrameMergerTests(ITestOutputHelper output)
{
    private static readonly MergeOptions Overlay = new() { Mode = MergeMode.Overlay };

    [Fact]
    public void OriginalLeavesTheFrameBitIdentical()
    {
        var (frame, face) = MergeScenes.Single();
        using (frame)
        using (var merged = MergeScenes.Merge(frame, face, StandInPredictor.Shifted(), new MergeOptions { Mode = MergeMode.Original }))
            Assert.Equal(0, Cv2.Norm(frame, merged.Image, NormTypes.INF));
    }

    [Fact]
    public void OverlayOfTheDstFaceItselfReproducesTheFrameInsideTheMask()
    {
        var (frame, face) = MergeScenes.Single();
        using (frame)
        using (var merged = MergeScenes.Merge(frame, face, StandInPredictor.Echo(), Overlay))
        {
            var psnr = MergeScenes.Psnr(frame, merged.Image, merged.Mask);
            output.WriteLine($"overlay of the dst face: {psnr:F1} dB over {Cv2.CountNonZero(merged.Mask)} px");
            Assert.True(psnr >= 40, $"PSNR {psnr:F1} dB");
            AssertUntouchedOutsideTheMask(frame, merged);
        }
    }

    [Fact]
    public void HistMatchMovesTheHistogramsOntoTheDstFace()
    {
        var (frame, face) = MergeScenes.Single();
        using (frame)
        using (var overlay = MergeScenes.Merge(frame, face, StandInPredictor.Shifted(), Overlay))
        using (var matched = MergeScenes.Merge(frame, face, StandInPredictor.Shifted(), new MergeOptions { Mode = MergeMode.HistMatch }))
        {
            using var inside = new Mat();
            Cv2.Threshold(overlay.Mask, inside, 254, 255, ThresholdTypes.Binary);
            var reference = MergeScenes.Pixels(frame, inside);
            var before = MergeScenes.HistogramDistance(MergeScenes.Pixels(overlay.Image, inside), reference);
            var after = MergeScenes.HistogramDistance(MergeScenes.Pixels(matched.Image, inside), reference);
            output.WriteLine($"per-channel W1 to the dst face: {before:F4} → {after:F4} (÷{before / after:F1})");
            Assert.True(after < before / 10, $"{before:F4} → {after:F4}");
        }
    }

    [Fact]
    public void ALowerHistMatchThresholdHoldsTheBrightValuesBack()
    {
        var (frame, face) = MergeScenes.Single();
        using (frame)
        using (var full = MergeScenes.Merge(frame, face, StandInPredictor.Shifted(), new MergeOptions { Mode = MergeMode.HistMatch }))
        using (var held = MergeScenes.Merge(frame, face, StandInPredictor.Shifted(), new MergeOptions { Mode = MergeMode.HistMatch, HistMatchThreshold = 200 }))
        {
            var fullMean = Cv2.Mean(full.Image, full.Mask);
            var heldMean = Cv2.Mean(held.Image, held.Mask);
            for (var c = 0; c < 3; c++) Assert.True(heldMean[c] < fullMean[c] - 2, $"channel {c}: {heldMean[c]:F1} vs {fullMean[c]:F1}");
        }
    }

    [Fact]
    public void HistMatchBwGivesAGreyFace()
    {
        var (frame, face) = MergeScenes.Single();
        using (frame)
        using (var merged = MergeScenes.Merge(frame, face, StandInPredictor.Shifted(), new MergeOptions { Mode = MergeMode.HistMatchBw }))
        {
            using var inside = new Mat();
            Cv2.Threshold(merged.Mask, inside, 254, 255, ThresholdTypes.Binary);
            var pixels = MergeScenes.Pixels(merged.Image, inside);
            var spread = pixels.Average(p => p.Max() - p.Min());
            Assert.True(spread < 2.5 / 255, $"mean channel spread {spread * 255:F2}/255");
        }
    }

    [Fact]
    public void SeamlessTouchesNothingOutsideTheMaskAndHidesTheSeam()
    {
        var (frame, face) = MergeScenes.Single();
        using (frame)
        using (var overlay = MergeScenes.Merge(frame, face, StandInPredictor.Shifted(), Overlay))
        using (var seamless = MergeScenes.Merge(frame, face, StandInPredictor.Shifted(), MergeOptions.Default))
        {
            AssertUntouchedOutsideTheMask(frame, seamless);

            using var band = MergeScenes.Border(overlay.Mask, 3);
            var overlaid = MergeScenes.SeamEnergy(frame, overlay.Image, band);
            var cloned = MergeScenes.SeamEnergy(frame, seamless.Image, band);
            output.WriteLine($"gradient energy of the change across the mask border: overlay {overlaid:E3}, seamless {cloned:E3} (÷{overlaid / cloned:F1})");
            Assert.True(cloned < overlaid / 3, $"seamless {cloned:E3} vs overlay {overlaid:E3}");
        }
    }

    [Fact]
    public void ErodeShrinksAndBlurWidensTheMaskMonotonically()
    {
        var (frame, face) = MergeScenes.Single();
        using (frame)
        {
            var byErode = new[] { -200, -50, 0, 50, 200 }.Select(e => MaskSum(frame, face, Overlay with { Erode = e })).ToList();
            var byBlur = new[] { 0, 50, 100, 300 }.Select(b => MaskCover(frame, face, Overlay with { Blur = b })).ToList();
            output.WriteLine($"mask sum by erode -200, -50, 0, 50, 200: {string.Join(", ", byErode.Select(v => v.ToString("F0")))}");
            output.WriteLine($"mask cover by blur 0, 50, 100, 300: {string.Join(", ", byBlur)}");
            for (var i = 1; i < byErode.Count; i++) Assert.True(byErode[i] < byErode[i - 1], $"erode step {i}");
            for (var i = 1; i < byBlur.Count; i++) Assert.True(byBlur[i] > byBlur[i - 1], $"blur step {i}");
        }
    }

    [Theory]
    [InlineData("rct")]
    [InlineData("lct")]
    [InlineData("mkl")]
    [InlineData("mkl-m")]
    [InlineData("idt")]
    [InlineData("idt-m")]
    [InlineData("sot")]
    [InlineData("sot-m")]
    [InlineData("mix-m")]
    public void ColourTransferMovesMeanAndCovarianceTowardsTheDstFace(string transfer)
    {
        var (frame, face) = MergeScenes.Single();
        using (frame)
        using (var plain = MergeScenes.Merge(frame, face, StandInPredictor.Shifted(), Overlay))
        using (var moved = MergeScenes.Merge(frame, face, StandInPredictor.Shifted(), Overlay with { ColorTransfer = transfer }))
        {
            using var inside = new Mat();
            Cv2.Threshold(plain.Mask, inside, 254, 255, ThresholdTypes.Binary);
            var reference = MergeScenes.Pixels(frame, inside);
            var before = MergeScenes.MomentDistance(MergeScenes.Pixels(plain.Image, inside), reference);
            var after = MergeScenes.MomentDistance(MergeScenes.Pixels(moved.Image, inside), reference);
            output.WriteLine($"{transfer}: mean {before.Mean:F4} → {after.Mean:F4}, covariance {before.Covariance:E2} → {after.Covariance:E2}");
            Assert.True(after.Mean < before.Mean / 2, $"mean {before.Mean:F4} → {after.Mean:F4}");
            Assert.True(after.Covariance < before.Covariance, $"covariance {before.Covariance:E2} → {after.Covariance:E2}");
        }
    }

    [Fact]
    public void EveryFaceOfAFrameIsReplacedInOneBatch()
    {
        var (frame, faces) = MergeScenes.Pair();
        var green = new StandInPredictor(MergeScenes.Resolution, f => new Mat(f.Size(), MatType.CV_32FC3, new Scalar(0, 1, 0)));
        using (frame)
        using (var merged = new FrameMerger(green, Overlay).Merge(frame, faces))
        {
            Assert.Equal([2], green.BatchSizes);
            foreach (var face in faces)
            {
                var centre = face.Landmarks[30]; // nose tip: inside every face mask
                var pixel = merged.Image.At<Vec3b>((int)centre.Y, (int)centre.X);
                Assert.Equal(new Vec3b(0, 255, 0), pixel);
            }
        }
    }

    [Fact]
    public void AFrameWithoutFacesIsCopiedUnchanged()
    {
        var (frame, _) = MergeScenes.Single();
        using (frame)
        using (var merged = new FrameMerger(StandInPredictor.Shifted(), MergeOptions.Default).Merge(frame, []))
        {
            Assert.Equal(0, Cv2.Norm(frame, merged.Image, NormTypes.INF));
            Assert.Equal(0, Cv2.CountNonZero(merged.Mask));
        }
    }

    [Fact]
    public void FacesAtTheFrameBorderMergeInEveryMode()
    {
        var (photo, face) = MergeScenes.Single();
        using (photo)
        {
            // Cut the photo through the middle of the face: half of it lies outside the frame.
            var nose = face.Landmarks[30];
            using var frame = new Mat(photo, new Rect((int)nose.X, 0, photo.Cols - (int)nose.X, photo.Rows)).Clone();
            var shifted = new FrameFace([.. face.Landmarks.Select(p => new Point2d(p.X - (int)nose.X, p.Y))]);
            foreach (var mode in MergeNames.Modes.Items)
                foreach (var erode in new[] { -100, 0 })
                {
                    var options = new MergeOptions { Mode = mode, Erode = erode, Blur = 50, MotionBlurPower = 50 };
                    var moving = shifted with { PreviousCentre = shifted.Centre - new Point2d(12, 3) };
                    using var merged = new FrameMerger(StandInPredictor.Shifted(), options).Merge(frame, [moving]);
                    // raw-predict and puppet write the prediction itself (puppet beside the driving face), not the frame.
                    if (mode is not (MergeMode.RawPredict or MergeMode.Puppet)) Assert.Equal(frame.Size(), merged.Image.Size());
                }

            var gone = new FrameFace([.. face.Landmarks.Select(p => new Point2d(p.X - 5000, p.Y))]);
            using var untouched = new FrameMerger(StandInPredictor.Shifted(), MergeOptions.Default).Merge(frame, [gone]);
            Assert.Equal(0, Cv2.Norm(frame, untouched.Image, NormTypes.INF));
        }
    }

    [Fact]
    public void RawPredictReturnsThePredictionAtModelResolution()
    {
        var (frame, face) = MergeScenes.Single();
        using (frame)
        using (var merged = MergeScenes.Merge(frame, face, StandInPredictor.Echo(), new MergeOptions { Mode = MergeMode.RawPredict }))
        {
            Assert.Equal(new Size(MergeScenes.Resolution, MergeScenes.Resolution), merged.Image.Size());
            using var cut = FaceWarp.ToFace(frame, FaceAligner.ImageToFace(face.Landmarks, FaceType.Full, MergeScenes.Resolution), MergeScenes.Resolution);
            Assert.True(Cv2.Norm(cut, merged.Image, NormTypes.INF) <= 1);
        }
    }

    [Fact]
    public void FaceScaleGrowsThePastedFace()
    {
        var (frame, face) = MergeScenes.Single();
        using (frame)
        {
            var normal = MaskSum(frame, face, Overlay);
            var larger = MaskSum(frame, face, Overlay with { FaceScale = 20 });
            var smaller = MaskSum(frame, face, Overlay with { FaceScale = -20 });
            Assert.InRange(larger / normal, 1.2 * 1.2 * 0.9, 1.2 * 1.2 * 1.1);
            Assert.True(smaller < normal);
        }
    }

    [Fact]
    public void SharpenMotionBlurAndDenoiseChangeOnlyTheFace()
    {
        var (frame, face) = MergeScenes.Single();
        using (frame)
        using (var plain = MergeScenes.Merge(frame, face, StandInPredictor.Echo(), Overlay))
        {
            var moving = face with { PreviousCentre = face.Centre - new Point2d(20, 0), NextCentre = face.Centre + new Point2d(20, 0) };
            foreach (var options in new[]
            {
                Overlay with { Sharpen = SharpenMode.Gaussian, SharpenAmount = 80 },
                Overlay with { Sharpen = SharpenMode.Box, SharpenAmount = -80 },
                Overlay with { DenoisePower = 250 },
                Overlay with { MotionBlurPower = 100 },
            })
            {
                using var merged = new FrameMerger(StandInPredictor.Echo(), options).Merge(frame, [moving]);
                Assert.True(Cv2.Norm(plain.Image, merged.Image, NormTypes.L1) > 1000, options.Describe());
                AssertUntouchedOutsideTheMask(frame, merged);
            }
        }
    }

    [Fact]
    public void DebugViewShowsFourPicturesPerFaceAndTheSettings()
    {
        var (frame, faces) = MergeScenes.Pair();
        using (frame)
        using (var merged = new FrameMerger(StandInPredictor.Shifted(), MergeOptions.Default).Merge(frame, faces, debug: true))
        {
            Assert.NotNull(merged.Debug);
            Assert.Equal(4 * MergeDebugImage.Tile, merged.Debug.Cols);
            Assert.True(merged.Debug.Rows > 2 * MergeDebugImage.Tile);
            using var text = new Mat(merged.Debug, new Rect(0, 2 * MergeDebugImage.Tile, merged.Debug.Cols, merged.Debug.Rows - 2 * MergeDebugImage.Tile));
            Assert.True(Cv2.CountNonZero(text.CvtColor(ColorConversionCodes.BGR2GRAY)) > 100);
        }
    }

    [Fact]
    public void OptionsRejectValuesOutOfRangeAndNamesAreCaseInsensitive()
    {
        var error = Assert.Throws<FaceLabException>(() => new MergeOptions { Erode = 401 }.Validate());
        Assert.Equal("erode", error.Subject);
        Assert.Throws<FaceLabException>(() => new MergeOptions { ColorTransfer = "xyz" }.Validate());
        Assert.Equal(MergeMode.SeamlessHistMatch, MergeNames.Modes.Get("Seamless-Hist-Match"));
        Assert.Equal(MaskMode.LearnedProduct, MergeNames.Masks.Get("learned-prd*learned-dst"));
        Assert.Contains("raw-predict", Assert.Throws<FaceLabException>(() => MergeNames.Modes.Get("poisson")).Hint);
    }

    [Theory]
    [InlineData("learned-prd")]
    [InlineData("learned-dst")]
    [InlineData("learned-prd*learned-dst")]
    [InlineData("learned-prd+learned-dst")]
    [InlineData("full")]
    public void LearnedAndFullMasksFollowThePrediction(string mask)
    {
        var (frame, face) = MergeScenes.Single();
        using (frame)
        {
            var area = MaskSum(frame, face, Overlay with { MaskMode = MergeNames.Masks.Get(mask) });
            var ellipse = MaskSum(frame, face, Overlay with { MaskMode = MaskMode.LearnedPredicted });
            var full = MaskSum(frame, face, Overlay with { MaskMode = MaskMode.Full });
            Assert.InRange(area, ellipse * 0.99, full * 1.01);
        }
    }

    private static void AssertUntouchedOutsideTheMask(Mat frame, MergedFrame merged)
    {
        using var outside = MergeScenes.Not(merged.Mask);
        Assert.Equal(0, Cv2.Norm(frame, merged.Image, NormTypes.INF, outside));
    }

    private static double MaskSum(Mat frame, FrameFace face, MergeOptions options)
    {
        using var merged = MergeScenes.Merge(frame, face, StandInPredictor.Echo(), options);
        return Cv2.Sum(merged.Mask).Val0 / 255;
    }

    private static int MaskCover(Mat frame, FrameFace face, MergeOptions options)
    {
        using var merged = MergeScenes.Merge(frame, face, StandInPredictor.Echo(), options);
        return Cv2.CountNonZero(merged.Mask);
    }
}
