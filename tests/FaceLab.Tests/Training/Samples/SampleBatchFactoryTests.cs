using FaceLab.Faces.Alignment;
using FaceLab.Faces.Files;
using FaceLab.Training.Samples;
using OpenCvSharp;
using static FaceLab.Tests.Training.Samples.SampleTestSupport;
using FaceLab.FaceSets;

namespace FaceLab.Tests.Training.Samples;

public sealed class SampleBatchFactoryTests(AlignedFaceSetFixture fixture) : IClassFixture<AlignedFaceSetFixture>
{
    private const int Resolution = 128;

    [Fact]
    public void FolderSetSkipsImagesWithoutMetadataByName()
    {
        var set = FolderFaceSet.Open(fixture.Folder);
        Assert.Equal(9, set.Count);
        var skipped = Assert.Single(set.Skipped);
        Assert.Equal(AlignedFaceSetFixture.NoMetadataName, skipped.Name);
        Assert.All(Enumerable.Range(0, set.Count), i => Assert.Equal(new Size(256, 256), set[i].ImageSize));
    }

    [Fact]
    public void TargetAndMasksGetTheSameTransform()
    {
        var options = new SampleOptions { Resolution = Resolution, MaskBlur = 0, Transform = SampleTransformOptions.Default with { FlipProbability = 0.5 } };
        using var faces = new FaceCropCache(FolderFaceSet.Open(fixture.Folder), options);
        var batch = new SampleBatchFactory(faces, options, batchSize: 9, seed: 11).Build(0);
        Assert.Contains(batch.Samples, s => s.Flipped);
        Assert.Contains(batch.Samples, s => !s.Flipped);
        for (var n = 0; n < batch.Count; n++)
        {
            var info = batch.Samples[n];
            var (image, metadata) = FaceImageFile.Read(Path.Combine(fixture.Folder, faces.FaceSet[info.FaceIndex].Name));
            using (image)
            using (var matrix = info.FaceToSample.ToMat())
            using (var sourceHull = FaceMasks.Hull(metadata.Landmarks, image.Size()))
            using (var expectedMask = new Mat())
            using (var expectedTarget = new Mat())
            using (var mask = Mask(batch, n))
            using (var target = Target(batch, n))
            {
                // The hull drawn in the face file and moved with the sample's transform lands on the sample's mask...
                Cv2.WarpAffine(sourceHull, expectedMask, matrix, new Size(Resolution, Resolution));
                var iou = IoU(expectedMask, mask);
                Assert.True(iou > 0.95, $"sample {n}: mask IoU {iou:F3}");

                // ...and the face file moved with it is the target (up to resampling: ours goes through the 128 px crop).
                using var imageFloat = new Mat();
                image.ConvertTo(imageFloat, MatType.CV_32FC3, 1.0 / 255);
                Cv2.WarpAffine(imageFloat, expectedTarget, matrix, new Size(Resolution, Resolution), InterpolationFlags.Cubic, BorderTypes.Replicate);
                using var difference = new Mat();
                Cv2.Absdiff(expectedTarget, target, difference);
                var meanDifference = Cv2.Mean(difference, mask.GreaterThan(0.5));
                Assert.True(meanDifference.Val0 + meanDifference.Val1 + meanDifference.Val2 < 3 * 0.03, $"sample {n}: {meanDifference}");

                // The reported landmarks are the file's landmarks moved by the same transform (re-indexed when flipped).
                var moved = info.FaceToSample.Apply(metadata.Landmarks);
                var expected = info.Flipped ? [.. LandmarkGroups.Mirror.Select(i => moved[i])] : moved;
                for (var i = 0; i < 68; i++) Assert.True(expected[i].DistanceTo(info.Landmarks[i]) < 1e-6, $"sample {n}, point {i}");
            }
        }
    }

    [Fact]
    public void WithoutRandomWarpTheInputIsTheTarget()
    {
        var options = new SampleOptions { Resolution = 64, RandomWarp = false };
        using var faces = new FaceCropCache(FolderFaceSet.Open(fixture.Folder), options);
        var batch = new SampleBatchFactory(faces, options, batchSize: 4, seed: 3).Build(0);
        Assert.Equal(batch.Targets, batch.Inputs);

        var warped = new SampleBatchFactory(faces, options with { RandomWarp = true }, batchSize: 4, seed: 3).Build(0);
        Assert.Equal(batch.Targets, warped.Targets);
        var meanChange = warped.Inputs.Zip(warped.Targets, (a, b) => Math.Abs(a - b)).Average();
        Assert.True(meanChange > 0.005, $"the random warp changed the input by only {meanChange}");
    }

    [Fact]
    public void FlipMirrorsImageMasksAndLandmarks()
    {
        var options = new SampleOptions { Resolution = Resolution, RandomWarp = false, Transform = SampleTransformOptions.None };
        using var faces = new FaceCropCache(FolderFaceSet.Open(fixture.Folder), options);
        var straight = new SampleBatchFactory(faces, options, 1, seed: 5, chooser: new FixedChooser(2, flip: false)).Build(0);
        var mirrored = new SampleBatchFactory(faces, options, 1, seed: 5, chooser: new FixedChooser(2, flip: true)).Build(0);
        Assert.True(mirrored.Samples[0].Flipped);
        Assert.Equal(-straight.Samples[0].Yaw, mirrored.Samples[0].Yaw, 9);

        using (var a = Target(straight, 0))
        using (var b = Target(mirrored, 0))
        using (var flippedBack = a.Flip(FlipMode.Y))
        {
            // Equal up to OpenCV's 1/32-pixel fixed-point interpolation weights.
            var meanDifference = Cv2.Norm(flippedBack, b, NormTypes.L1) / (3.0 * a.Total());
            Assert.True(meanDifference < 0.003, $"mean difference {meanDifference}");
        }
        using (var a = Mask(straight, 0))
        using (var b = Mask(mirrored, 0))
        using (var flippedBack = a.Flip(FlipMode.Y))
            Assert.True(IoU(flippedBack, b) > 0.97, $"face mask IoU {IoU(flippedBack, b):F3}");
        using (var a = FeatureMask(straight, 0))
        using (var b = FeatureMask(mirrored, 0))
        {
            // Small shapes: compare where their mass sits rather than pixel overlap. OpenCV's polygon fill is
            // not mirror-exact (it rounds span ends one way), which moves a small mask by under a pixel.
            var ma = Cv2.Moments(a);
            var mb = Cv2.Moments(b);
            Assert.Equal(Resolution - 1 - ma.M10 / ma.M00, mb.M10 / mb.M00, 1.0);
            Assert.Equal(ma.M01 / ma.M00, mb.M01 / mb.M00, 0.5);
            Assert.Equal(1.0, mb.M00 / ma.M00, 0.05);
        }

        // The subject's left eye (42–47) of the mirror image is where the right eye (36–41) was, mirrored.
        var before = straight.Samples[0].Landmarks;
        var after = mirrored.Samples[0].Landmarks;
        var rightBefore = Centroid(LandmarkGroups.RightEye.Select(i => before[i]));
        var leftAfter = Centroid(LandmarkGroups.LeftEye.Select(i => after[i]));
        Assert.Equal(Resolution - 1 - rightBefore.X, leftAfter.X, 6);
        Assert.Equal(rightBefore.Y, leftAfter.Y, 6);
        // And the right eye is still on the image's left in both: the indices follow the mirror.
        Assert.True(Centroid(LandmarkGroups.RightEye.Select(i => after[i])).X < Resolution / 2.0);
        Assert.True(rightBefore.X < Resolution / 2.0);
    }

    [Fact]
    public void BatchesHaveTheDocumentedShapeAndRange()
    {
        var options = new SampleOptions { Resolution = 64 };
        using var faces = new FaceCropCache(FolderFaceSet.Open(fixture.Folder), options);
        var batch = new SampleBatchFactory(faces, options, batchSize: 5, seed: 1).Build(7);
        Assert.Equal(7, batch.Index);
        Assert.Equal([5L, 3, 64, 64], batch.ImageShape);
        Assert.Equal([5L, 1, 64, 64], batch.MaskShape);
        Assert.Equal(5 * 3 * 64 * 64, batch.Inputs.Length);
        Assert.Equal(5 * 3 * 64 * 64, batch.Targets.Length);
        Assert.Equal(5 * 64 * 64, batch.Masks.Length);
        Assert.Equal(5 * 64 * 64, batch.FeatureMasks.Length);
        foreach (var buffer in new[] { batch.Inputs, batch.Targets, batch.Masks, batch.FeatureMasks })
            Assert.All(buffer, v => Assert.InRange(v, 0f, 1f));
        for (var n = 0; n < 5; n++)
        {
            var plane = 64 * 64;
            var face = batch.Masks.AsSpan(n * plane, plane).ToArray().Count(v => v > 0.5f);
            var features = batch.FeatureMasks.AsSpan(n * plane, plane).ToArray().Count(v => v > 0.5f);
            Assert.InRange(face, plane / 5, plane * 9 / 10);
            Assert.InRange(features, plane / 100, face);
        }
        Assert.Equal("BGR", SampleBatch.ChannelOrder);
    }

    [Fact]
    public void ModelFaceTypeReCropsFromTheLandmarks()
    {
        var full = new SampleOptions { Resolution = Resolution, RandomWarp = false, Transform = SampleTransformOptions.None };
        var half = full with { FaceType = FaceType.Half };
        using var fullFaces = new FaceCropCache(FolderFaceSet.Open(fixture.Folder), full);
        using var halfFaces = new FaceCropCache(FolderFaceSet.Open(fixture.Folder), half);
        var a = new SampleBatchFactory(fullFaces, full, 1, 0, new FixedChooser(4, false)).Build(0).Samples[0].Landmarks;
        var b = new SampleBatchFactory(halfFaces, half, 1, 0, new FixedChooser(4, false)).Build(0).Samples[0].Landmarks;
        // Half-face crops are tighter by (0.2109375·√2 + 0.5) / 0.5 ≈ 1.597.
        var ratio = b[36].DistanceTo(b[45]) / a[36].DistanceTo(a[45]);
        Assert.InRange(ratio, 1.55, 1.65);
    }

    [Fact]
    public void ColourTransferTakesOnTheReferenceColours()
    {
        var plain = new SampleOptions { Resolution = 64, RandomWarp = false };
        var options = plain with { ColorTransfer = "rct" };
        using var faces = new FaceCropCache(FolderFaceSet.Open(fixture.Folder), options);
        using var tinted = new FaceCropCache(FolderFaceSet.Open(fixture.TintedFolder), options);
        Assert.Throws<ArgumentException>(() => new SampleBatchFactory(faces, options, 4, 1));

        var before = MeanColour(new SampleBatchFactory(faces, plain, 9, 1).Build(0));
        var after = MeanColour(new SampleBatchFactory(faces, options, 9, 1, colorReference: tinted).Build(0));
        var reference = MeanColour(new SampleBatchFactory(tinted, plain, 9, 1).Build(0));
        // Green and red drop towards the tinted set's; blue stays about where it was.
        for (var c = 1; c < 3; c++)
            Assert.True(Math.Abs(after[c] - reference[c]) < 0.3 * Math.Abs(before[c] - reference[c]), $"channel {c}: {before[c]:F3} → {after[c]:F3}, reference {reference[c]:F3}");
    }

    [Fact]
    public void YawMatchedChoicePicksFacesOfTheWantedYaw()
    {
        var options = new SampleOptions { Resolution = 64 };
        using var faces = new FaceCropCache(FolderFaceSet.Open(fixture.Folder), options);
        var dst = new SampleBatchFactory(faces, options, 8, seed: 21);
        var srcYaws = new FaceYaws(faces);
        var chooser = new YawMatchedFaceChooser(srcYaws, (b, s) => dst.Plan(b, s).Yaw, toleranceDegrees: 3);
        var src = new SampleBatchFactory(faces, options, 8, seed: 99, chooser: chooser);
        for (var s = 0; s < 8; s++)
        {
            var wanted = dst.Plan(0, s).Yaw;
            var got = src.Plan(0, s).Yaw;
            // Same faces on both sides here: there is always an exact (or mirrored) match.
            Assert.True(Math.Abs(got - wanted) <= 3, $"slot {s}: wanted {wanted:F1}°, got {got:F1}°");
        }
    }

    [Fact]
    public void UniformYawUsesEveryBin()
    {
        var options = new SampleOptions { Resolution = 64, UniformYaw = true, YawBins = 4 };
        using var faces = new FaceCropCache(FolderFaceSet.Open(fixture.Folder), options);
        var factory = new SampleBatchFactory(faces, options, 16, seed: 2);
        var bins = factory.Yaws.Bins(4);
        var counts = new int[bins.Count];
        for (var b = 0; b < 10; b++)
            for (var s = 0; s < 16; s++)
            {
                var face = factory.Plan(b, s).FaceIndex;
                counts[Enumerable.Range(0, bins.Count).Single(k => bins[k].Contains(face))]++;
            }
        // 160 draws spread evenly over the non-empty bins: each gets its share within a loose margin.
        Assert.All(counts, c => Assert.InRange(c, 160 / bins.Count / 2, 160 / bins.Count * 2));
    }

    private static double[] MeanColour(SampleBatch batch)
    {
        var plane = batch.Resolution * batch.Resolution;
        var sums = new double[3];
        for (var n = 0; n < batch.Count; n++)
            for (var c = 0; c < 3; c++)
                for (var i = 0; i < plane; i++)
                    if (batch.Masks[n * plane + i] > 0.5f) sums[c] += batch.Targets[(n * 3 + c) * plane + i];
        var count = batch.Masks.Count(v => v > 0.5f);
        return [.. sums.Select(s => s / count)];
    }
}
