using FaceLab.Faces.Landmarks;
using Xunit.Abstractions;

namespace FaceLab.Tests.Faces.Landmarks;

public sealed class DlibLandmarkerTests(DlibModelFixture fixture, ITestOutputHelper output)
    : LandmarkerAccuracyTests(output), IClassFixture<DlibModelFixture>
{
    protected override ILandmarker CreateLandmarker() => new DlibLandmarker(fixture.Model);

    // The requirement.
    protected override double MeanNmeBound => 0.08;

    protected override double VariedBoxMeanNmeBound => 0.17;

    [Fact]
    public void ModelHasTheIbugLayout()
    {
        Assert.Equal(68, fixture.Model.PartCount);
        Assert.True(fixture.Model.LevelCount > 0);
    }
}
