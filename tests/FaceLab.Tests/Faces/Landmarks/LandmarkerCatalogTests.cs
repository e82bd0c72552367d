using FaceLab.Common;
using FaceLab.Faces.Landmarks;

namespace FaceLab.Tests.Faces.Landmarks;

public sealed class LandmarkerCatalogTests
{
    [Fact]
    public void NamesAreTheCliNamesAndDlibIsTheDefault()
    {
        Assert.Equal(["dlib", "faceapi", "mesh"], LandmarkerCatalog.All.Select(d => d.Name));
        Assert.Same(LandmarkerCatalog.Dlib, LandmarkerCatalog.Default);
        Assert.All(LandmarkerCatalog.All, d => Assert.False(string.IsNullOrWhiteSpace(d.Description)));
    }

    [Theory]
    [InlineData("faceapi")]
    [InlineData("mesh")]
    public void FactoryMakesALandmarkerOfThatName(string name)
    {
        using var landmarker = LandmarkerCatalog.Get(name).Create();
        Assert.Equal(name, landmarker.Name);
    }

    [Fact]
    public void UnknownNameListsTheValidOnes()
    {
        var error = Assert.Throws<FaceLabException>(() => LandmarkerCatalog.Get("s3fd"));
        Assert.Contains("dlib, faceapi, mesh", error.Message);
    }
}
