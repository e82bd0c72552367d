using FaceLab.Common;
using FaceLab.Faces.Extraction;
using FaceLab.Faces.Files;
using FaceLab.Tests.Support;

namespace FaceLab.Tests.Common;

/// <summary>A JSON file that cannot be read gives a short reason with its position, never a truncated .NET message.</summary>
public class JsonErrorsTests
{
    [Fact]
    public void AWrongValueNamesItsPathAndLine()
    {
        using var temp = new TempFolder();
        var path = temp.Combine("boxes.json");
        File.WriteAllText(path, "{\n  \"00012.png\": [[1, 2, 3, \"four\"]]\n}");

        var error = Assert.Throws<FaceLabException>(() => ManualFaceBoxes.Load(path));

        Assert.Equal(path, error.Subject);
        Assert.Equal("not a box list (not valid JSON at $['00012.png'][0][3], line 2)", error.Problem);
        Assert.NotNull(error.Hint);
        Assert.DoesNotContain("System", error.Message);
    }

    [Fact]
    public void BrokenSyntaxAndDamagedFaceMetadataGiveOneCleanLine()
    {
        var broken = Assert.Throws<FaceLabException>(() => FaceMetadataJson.Deserialize("{\"face_type\": "u8, "face.jpg"));
        var wrongType = Assert.Throws<FaceLabException>(() => FaceMetadataJson.Deserialize("{\"landmarks\": 5}"u8, "face.jpg"));

        Assert.StartsWith("face.jpg: damaged face metadata: not valid JSON", broken.Message);
        Assert.Equal("face.jpg: damaged face metadata: not valid JSON at $.landmarks, line 1 (extract the face again)", wrongType.Message);
        Assert.DoesNotContain("System", broken.Message + wrongType.Message);
    }
}
