using FaceLab.Faces.Alignment;

namespace FaceLab.Tests.Faces.Alignment;

public class FaceTypeTests
{
    [Theory]
    [InlineData("half", FaceRegion.Half, false)]
    [InlineData("mid_full", FaceRegion.MidFull, false)]
    [InlineData("full", FaceRegion.Full, false)]
    [InlineData("whole_face", FaceRegion.WholeFace, false)]
    [InlineData("head", FaceRegion.Head, false)]
    [InlineData("full_no_align", FaceRegion.Full, true)]
    [InlineData("whole_face_no_align", FaceRegion.WholeFace, true)]
    [InlineData("head_no_align", FaceRegion.Head, true)]
    public void ParsesAndFormatsDeepFaceLabNames(string name, FaceRegion region, bool noAlign)
    {
        var type = FaceType.Parse(name);
        Assert.Equal(new FaceType(region, noAlign), type);
        Assert.Equal(name, type.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("face")]
    [InlineData("_no_align")]
    [InlineData("full_no_align_no_align")]
    public void RejectsUnknownNames(string name)
    {
        Assert.False(FaceType.TryParse(name, out _));
        Assert.Throws<FormatException>(() => FaceType.Parse(name));
    }

    [Fact]
    public void NoAlignKeepsThePadding()
    {
        Assert.Equal(10, FaceType.All.Count);
        foreach (var type in FaceType.All)
            Assert.Equal(new FaceType(type.Region).Padding, type.WithNoAlign().Padding);
        Assert.Equal(0.2109375, FaceType.Full.Padding);
    }
}
