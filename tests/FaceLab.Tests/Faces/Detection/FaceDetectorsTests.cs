using FaceLab.Assets;
using FaceLab.Common;
using FaceLab.Faces.Detection;
using FaceLab.Tests.Support;

namespace FaceLab.Tests.Faces.Detection;

public class FaceDetectorsTests
{
    [Fact]
    public void ListsTheCommandLineNamesWithUltraFaceFirst() =>
        Assert.Equal(["ultraface", "blazeface", "blazeface-short", "mtcnn", "haar"], FaceDetectors.Names);

    [Fact]
    public void EachFactoryMakesADetectorCarryingItsName()
    {
        foreach (var descriptor in FaceDetectors.All)
        {
            using var detector = descriptor.Create();
            Assert.Equal(descriptor.Name, detector.Name);
            Assert.False(string.IsNullOrWhiteSpace(descriptor.Description));
        }
    }

    [Fact]
    public void MtcnnWithItsManifestButNoWeightsShardAsksForSetupInsteadOfFailingToRead()
    {
        using var temp = new TempFolder();
        var store = new AssetStore(temp.Path);
        var manifest = store.PathOf(AssetCatalog.MtcnnManifest);
        Directory.CreateDirectory(Path.GetDirectoryName(manifest)!);
        File.Copy(TestPaths.Asset(AssetCatalog.MtcnnManifest), manifest);

        var error = Assert.Throws<FaceLabException>(() => new MtcnnDetector(store));

        Assert.Contains("setup", error.Message);
        Assert.DoesNotContain("TF.js", error.Message);
    }

    [Fact]
    public void UnknownNameIsAOneLineErrorListingTheChoices()
    {
        var error = Assert.Throws<FaceLabException>(() => FaceDetectors.Get("s3fd"));
        Assert.Contains("ultraface, blazeface", error.Message);
        Assert.Equal("mtcnn", FaceDetectors.Get("MTCNN").Name);
    }

    [Fact]
    public void BlazeFaceAnchorCountsMatchTheModels()
    {
        Assert.Equal(2304, BlazeFaceAnchors.FullRange().Length);
        Assert.Equal(896, BlazeFaceAnchors.ShortRange().Length);
        Assert.Equal((0.5f / 48, 0.5f / 48), BlazeFaceAnchors.FullRange()[0]);
        // Short range: the first 512 anchors come in pairs on the 16×16 grid.
        Assert.Equal(BlazeFaceAnchors.ShortRange()[0], BlazeFaceAnchors.ShortRange()[1]);
        Assert.Equal((1.5f / 16, 0.5f / 16), BlazeFaceAnchors.ShortRange()[2]);
    }

    [Fact]
    public void MtcnnPyramidFollowsFaceApiJs()
    {
        using var detector = new MtcnnDetector();
        var scales = detector.Scales(400, 300);
        Assert.Equal(0.6, scales[0], 12);
        Assert.Equal(0.6 * 0.709, scales[1], 12);
        // 300·0.6·0.709^k ≥ 12 for k ≤ 7, and every level must stay above 12 px.
        Assert.Equal(8, scales.Count);
    }
}
