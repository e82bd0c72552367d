using FaceLab.Assets;
using FaceLab.Common;
using FaceLab.Faces.Landmarks;
using FaceLab.Tests.Support;
using Xunit.Abstractions;
using FaceLab.Faces.Networks;

namespace FaceLab.Tests.Faces.Landmarks;

public sealed class FaceApiLandmarkerTests(ITestOutputHelper output) : LandmarkerAccuracyTests(output)
{
    private static string Manifest => TestPaths.Asset(AssetCatalog.FaceApiLandmarksManifest);

    protected override ILandmarker CreateLandmarker()
    {
        TestPaths.Asset(AssetCatalog.FaceApiLandmarks);
        return new FaceApiLandmarker(FaceApiLandmarkNet.LoadShared(Manifest));
    }

    // Measured 0.054 (tight) and 0.056 (worst varied box); bounds leave ~20% margin.
    protected override double MeanNmeBound => 0.065;

    protected override double VariedBoxMeanNmeBound => 0.07;

    [Fact]
    public void ManifestDequantisesUint8Weights()
    {
        var weights = TfjsWeights.Load(Manifest);
        var fc = weights["fc/weights"];
        Assert.Equal([256, 136], fc.Shape);
        Assert.Equal(256 * 136, fc.Values.Length);
        Assert.All(fc.Values, v => Assert.True(float.IsFinite(v)));
        Assert.True(fc.Values.Distinct().Count() > 100);
    }

    [Fact]
    public void TruncatedShardIsRejectedNamingTheManifest()
    {
        using var temp = new TempFolder();
        var manifest = temp.Combine(Path.GetFileName(Manifest));
        File.Copy(Manifest, manifest);
        var shard = TestPaths.Asset(AssetCatalog.FaceApiLandmarks);
        File.WriteAllBytes(temp.Combine(Path.GetFileName(shard)), File.ReadAllBytes(shard)[..1000]);

        var error = Assert.Throws<FaceLabException>(() => TfjsWeights.Load(manifest));
        Assert.Contains(manifest, error.Message);
    }
}
