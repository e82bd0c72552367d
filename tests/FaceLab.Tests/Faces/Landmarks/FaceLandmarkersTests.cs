using FaceLab.Common;
using FaceLab.Faces.Landmarks;

namespace FaceLab.Tests.Faces.Landmarks;

public sealed class FaceLandmarkersTests
{
    [Fact]
    public void NamesAreTheCliNamesAndDlibIsTheDefault()
    {
        Assert.Equal(["dlib", "faceapi", "mesh"], FaceLandmarkers.All.Select(d => d.Name));
        Assert.Same(FaceLandmarkers.Dlib, FaceLandmarkers.Default);
        Assert.All(FaceLandmarkers.All, d => Assert.False(string.IsNullOrWhiteSpace(d.Description)));
    }

    [Theory]
    [InlineData("faceapi")]
    [InlineData("mesh")]
    public void FactoryMakesALandmarkerOfThatName(string name)
    {
        using var landmarker = FaceLandmarkers.Get(name).Create();
        Assert.Equal(name, landmarker.Name);
    }

    [Fact]
    public void UnknownNameListsTheValidOnes()
    {
        var error = Assert.Throws<FaceLabException>(() => FaceLandmarkers.Get("s3fd"));
        Assert.Contains("dlib, faceapi, mesh", error.Message);
    }
}
