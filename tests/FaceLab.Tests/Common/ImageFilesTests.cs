using FaceLab.Common;
using FaceLab.Faces.Files;
using FaceLab.FaceSets;
using FaceLab.Media;
using FaceLab.Tests.Support;

namespace FaceLab.Tests.Common;

public class ImageFilesTests
{
    [Fact]
    public void NamesAreInNaturalNumericOrder()
    {
        using var temp = new TempFolder();
        foreach (var name in new[] { "10.png", "2.png", "1.png", "frame10.jpg", "frame9.jpg", "00003.png", "b.png", "a.png" })
            File.WriteAllBytes(temp.Combine(name), [1]);

        var names = ImageFiles.In(temp.Path).Select(Path.GetFileName);

        Assert.Equal(["1.png", "2.png", "00003.png", "10.png", "a.png", "b.png", "frame9.jpg", "frame10.jpg"], names);
    }

    [Fact]
    public void NaturalOrderIsTotalOverZeroPaddingAndLongNumbers()
    {
        Assert.True(NaturalOrder.Instance.Compare("2.png", "10.png") < 0);
        Assert.True(NaturalOrder.Instance.Compare("99999999999999999999.png", "100000000000000000000.png") < 0);
        Assert.NotEqual(0, NaturalOrder.Instance.Compare("01.png", "1.png"));
        Assert.Equal(0, NaturalOrder.Instance.Compare("7.png", "7.png"));
    }

    [Fact]
    public void HiddenFilesFoldersAndOtherTypesAreSkipped()
    {
        using var temp = new TempFolder();
        foreach (var name in new[] { "00001.png", "._00001.png", ".00002.png", ".x.jpg.partial", "notes.txt", "00003.JPG" })
            File.WriteAllBytes(temp.Combine(name), [1]);
        Directory.CreateDirectory(temp.Combine("00004.png"));

        Assert.Equal(["00001.png", "00003.JPG"], ImageFiles.In(temp.Path).Select(Path.GetFileName));
        Assert.Empty(ImageFiles.In(temp.Combine("missing")));
    }

    [Fact]
    public void FramesFacesAndFaceSetsListTheSameWay()
    {
        using var temp = new TempFolder();
        foreach (var name in new[] { "10.jpg", "9.jpg", "._9.jpg", "11.tif" })
            File.WriteAllBytes(temp.Combine(name), [1]);

        Assert.Equal(["9.jpg", "10.jpg", "11.tif"], FrameSequence.In(temp.Path).Files.Select(Path.GetFileName));
        Assert.Equal(["9.jpg", "10.jpg"], FaceSetFolder.ListFaces(temp.Path).Select(Path.GetFileName));
        Assert.Equal(["9.jpg", "10.jpg"], ImageFiles.In(temp.Path, FaceImageFile.Extensions).Select(Path.GetFileName));
    }

    [Theory]
    [InlineData(".png")]
    [InlineData(".jpg")]
    [InlineData(".jpeg")]
    [InlineData(".bmp")]
    [InlineData(".tif")]
    [InlineData(".tiff")]
    [InlineData(".webp")]
    [InlineData(".ppm")]
    [InlineData(".pgm")]
    public void EveryStillFormatIsAnInputFrame(string extension)
    {
        Assert.True(ImageFiles.HasImageExtension("00001" + extension.ToUpperInvariant()));
        Assert.NotNull(FrameSequence.FrameNumber("00001" + extension));
    }
}
