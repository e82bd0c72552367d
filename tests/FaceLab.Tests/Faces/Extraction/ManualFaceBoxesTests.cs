using FaceLab.Common;
using FaceLab.Faces.Extraction;
using FaceLab.Tests.Support;

namespace FaceLab.Tests.Faces.Extraction;

/// <summary>A hand-written box list of the wrong shape gives one line naming the file, never a crash.</summary>
public sealed class ManualFaceBoxesTests
{
    [Theory]
    [InlineData("{\"00012.png\": null}")]
    [InlineData("{\"00012.png\": [null]}")]
    [InlineData("{\"00012.png\": [[1, 2, 3]]}")]
    [InlineData("{\"00012.png\": \"box\"}")]
    [InlineData("[]")]
    [InlineData("null")]
    public void BrokenManualBoxesGiveAOneLineError(string json)
    {
        using var temp = new TempFolder();
        var path = temp.Combine("boxes.json");
        File.WriteAllText(path, json);

        var error = Assert.Throws<FaceLabException>(() => ManualFaceBoxes.Load(path));

        Assert.Contains("boxes.json", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }
}
