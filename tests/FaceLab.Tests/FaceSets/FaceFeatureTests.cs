using FaceLab.Faces.Files;
using FaceLab.FaceSets;
using FaceLab.FaceSets.Features;
using FaceLab.FaceSets.Sorting;
using FaceLab.Tests.Support;
using OpenCvSharp;

namespace FaceLab.Tests.FaceSets;

[Collection(FaceSetCollection.Name)]
public sealed class FaceFeatureTests(FaceSetFixture data)
{
    [Fact]
    public void HueIsAveragedOnTheHueCircle()
    {
        var metadata = FaceImageFile.ReadMetadata(FaceSetFixture.Faces(data.Destination)[0]);
        double HueOf(byte h)
        {
            using var hsv = new Mat(256, 256, MatType.CV_8UC3, new Scalar(h, 200, 200));
            using var bgr = hsv.CvtColor(ColorConversionCodes.HSV2BGR);
            return FaceFeatureExtractor.Compute(bgr, metadata).Hue;
        }

        Assert.InRange(HueOf(60), 59, 61);
        Assert.InRange(HueOf(178), 177, 179);
        using var mixed = new Mat(256, 256, MatType.CV_8UC3, new Scalar(176, 200, 200));
        mixed[new Rect(0, 0, 256, 128)].SetTo(new Scalar(4, 200, 200));
        using var bgrMixed = mixed.CvtColor(ColorConversionCodes.HSV2BGR);
        var hue = FaceFeatureExtractor.Compute(bgrMixed, metadata).Hue;
        Assert.True(hue < 5 || hue > 175, $"reds on both sides of 0 averaged to {hue}");
    }

    [Fact]
    public void BlackShareCountsTheBlackBorder()
    {
        var (image, metadata) = FaceImageFile.Read(FaceSetFixture.Faces(data.Destination)[0]);
        using (image)
        {
            var before = FaceFeatureExtractor.Compute(image, metadata).BlackShare;
            image[new Rect(0, 0, 64, 256)].SetTo(Scalar.All(0));
            var after = FaceFeatureExtractor.Compute(image, metadata).BlackShare;
            Assert.InRange(after - before, 0.2, 0.26);
        }
    }

    [Fact]
    public void TheChainIsTheSameOnOneThreadAndOnMany()
    {
        var random = new Random(3);
        var histograms = Enumerable.Range(0, 3000).Select(_ =>
        {
            var h = new float[FaceHistogram.Length];
            for (var c = 0; c < FaceHistogram.Channels; c++)
            {
                var raw = Enumerable.Range(0, FaceHistogram.Bins).Select(_ => (float)random.NextDouble()).ToArray();
                var sum = raw.Sum();
                for (var b = 0; b < FaceHistogram.Bins; b++) h[c * FaceHistogram.Bins + b] = MathF.Sqrt(raw[b] / sum);
            }
            return h;
        }).ToList();
        var matrix = HistogramOrdering.ToMatrix(histograms);

        var (one, _) = HistogramOrdering.SimilarChain(matrix, 1);
        var (many, _) = HistogramOrdering.SimilarChain(matrix, 4);

        Assert.Equal(one, many);
        Assert.Equal(Enumerable.Range(0, 3000), one.Order());
        var dissimOne = HistogramOrdering.DissimilarityScores(matrix, 1);
        var dissimMany = HistogramOrdering.DissimilarityScores(matrix, 4);
        Assert.All(Enumerable.Range(0, 3000), i => Assert.Equal(dissimOne[i], dissimMany[i], 1e-6 * dissimOne[i]));
        Assert.Equal(FaceHistogram.Distance(histograms[0], histograms[1]), FaceHistogram.Distance(histograms[1], histograms[0]));
        Assert.Equal(0f, FaceHistogram.Distance(histograms[5], histograms[5]), 1e-3f);
    }

    [Fact]
    public void PlacesAreSharedEvenlyAmongPoseCells()
    {
        Assert.Equal([2, 9, 9, 10], BestSort.ShareEvenly([2, 50, 40, 30], 30));
        Assert.Equal([1, 1, 1], BestSort.ShareEvenly([5, 5, 5], 3));
        Assert.Equal([3, 4], BestSort.ShareEvenly([3, 4], 100));
    }

    [Fact]
    public void MoveToTrashNeverOverwrites()
    {
        using var temp = new TempFolder();
        var dir = temp.Combine("aligned");
        var faces = FaceSetFixture.CopyFaces(dir, data.Destination);
        var name = Path.GetFileName(faces[0]);
        Directory.CreateDirectory(FaceSetFolder.TrashOf(dir));
        File.WriteAllText(Path.Combine(FaceSetFolder.TrashOf(dir), name), "older");

        var moved = FaceSetTrash.MoveToTrash(dir, [name]);

        Assert.Equal(Path.GetFileNameWithoutExtension(name) + "_1.jpg", Assert.Single(moved));
        Assert.Equal("older", File.ReadAllText(Path.Combine(FaceSetFolder.TrashOf(dir), name)));
        Assert.False(File.Exists(faces[0]));
    }
}
