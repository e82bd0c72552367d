using FaceLab.Assets;
using FaceLab.Common;
using FaceLab.Faces.Landmarks;
using FaceLab.Tests.Support;

namespace FaceLab.Tests.Faces.Landmarks;

/// <summary>A damaged model file must fail with one line naming the file, not an index exception.</summary>
public sealed class DlibShapeModelReaderTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(1_000)]
    [InlineData(5_000_000)]
    public void TruncatedFileIsRejectedNamingTheFile(int keptBytes)
    {
        using var temp = new TempFolder();
        var path = temp.Combine("truncated.dat");
        using (var source = File.OpenRead(SystemFile.DlibShapePredictor.Require()))
        using (var target = File.Create(path))
        {
            var buffer = new byte[keptBytes];
            source.ReadExactly(buffer);
            target.Write(buffer);
        }

        var error = Assert.Throws<FaceLabException>(() => DlibShapeModel.Load(path));
        Assert.Contains(path, error.Message);
        Assert.Contains("truncated", error.Message);
    }

    [Fact]
    public void ForeignFileIsRejectedNamingTheFile()
    {
        using var temp = new TempFolder();
        var path = temp.Combine("foreign.dat");
        File.WriteAllText(path, "<html>not a model</html>");

        var error = Assert.Throws<FaceLabException>(() => DlibShapeModel.Load(path));
        Assert.Contains(path, error.Message);
        Assert.Contains("not a valid dlib shape predictor", error.Message);
    }

    [Fact]
    public void MissingFileIsRejectedNamingTheFile()
    {
        using var temp = new TempFolder();
        var path = temp.Combine("missing.dat");

        var error = Assert.Throws<FaceLabException>(() => DlibShapeModel.Load(path));
        Assert.Contains(path, error.Message);
    }
}
