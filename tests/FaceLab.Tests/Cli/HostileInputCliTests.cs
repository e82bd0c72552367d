using FaceLab.Faces.Files;
using FaceLab.Tests.Faces.Files;
using FaceLab.Tests.Support;
using OpenCvSharp;

namespace FaceLab.Tests.Cli;

/// <summary>Damaged, empty, tiny, foreign and oddly named files meet one-line errors or warnings, never a stack trace.</summary>
public sealed class HostileInputCliTests
{
    private static void AssertNoStackTrace(CliProcess.Result run)
    {
        Assert.DoesNotContain("   at ", run.Stderr);
        Assert.DoesNotContain("Unhandled exception", run.Stderr);
        Assert.DoesNotContain("Exception:", run.Stderr);
        Assert.All(run.StderrLines, l => Assert.StartsWith("facelab: ", l));
    }

    private static string Frame(TempFolder temp, string folder, string name)
    {
        Directory.CreateDirectory(temp.Combine(folder));
        var path = temp.Combine(folder, name);
        MediaOracle.Run("ffmpeg", "-v", "error", "-i", TestPaths.VideoWithAudio, "-frames:v", "1", path);
        return path;
    }

    private static string Face(TempFolder temp, string folder, string name)
    {
        Directory.CreateDirectory(temp.Combine(folder));
        using var image = new Mat(64, 64, MatType.CV_8UC3, Scalar.Gray);
        var path = temp.Combine(folder, name);
        FaceImageFile.Write(path, image, FaceImageFileTests.Sample());
        return path;
    }

    private static void Damage(string path, string how)
    {
        switch (how)
        {
            case "zero-byte": File.WriteAllBytes(path, []); break;
            case "truncated": File.WriteAllBytes(path, File.ReadAllBytes(path)[..200]); break;
            case "1x1":
                using (var tiny = new Mat(1, 1, MatType.CV_8UC3, Scalar.White)) Cv2.ImWrite(path, tiny);
                break;
            case "text": File.WriteAllText(path, "not an image at all"); break;
        }
    }

    [Theory]
    [InlineData("zero-byte", "00002.png")]
    [InlineData("truncated", "00002.png")]
    [InlineData("1x1", "00002.png")]
    [InlineData("text", "00002.png")]
    [InlineData("none", "frame with spaces.png")]
    [InlineData("none", "kadr ążę 日本.png")]
    [InlineData("none", "-leading dash.png")]
    public void FacesExtractMeetsABadOrOddlyNamedFrameWithOneLine(string how, string name)
    {
        using var temp = new TempFolder();
        Frame(temp, "frames", "00001.png");
        Damage(Frame(temp, "frames", name), how);

        var run = CliProcess.Run(temp.Path, "faces", "extract", temp.Combine("frames"), "--workers", "1");

        AssertNoStackTrace(run);
        switch (how)
        {
            case "none": // an odd name is just a name
                Assert.Equal(0, run.ExitCode);
                Assert.True(File.Exists(temp.Combine("frames", "aligned", Path.GetFileNameWithoutExtension(name) + "_0.jpg")), run.Stdout + run.Stderr);
                break;
            case "1x1": // a valid picture too small to hold a face
                Assert.Equal(0, run.ExitCode);
                Assert.Contains($"without a face (first: {name})", run.Stdout);
                break;
            default: // not a picture: one line naming it, so the user can remove or replace it
                Assert.Equal(1, run.ExitCode);
                Assert.Contains(name, Assert.Single(run.StderrLines));
                break;
        }
    }

    [Theory]
    [InlineData("zero-byte")]
    [InlineData("truncated")]
    [InlineData("1x1")]
    [InlineData("text")]
    public void FacesSortSkipsABadFileWithAWarningAndSortsTheRest(string how)
    {
        using var temp = new TempFolder();
        Face(temp, "aligned", "00001_0.jpg");
        Face(temp, "aligned", "face with spaces_0.jpg");
        Face(temp, "aligned", "twarz ążę 日本_0.jpg");
        Face(temp, "aligned", "-dash_0.jpg");
        Damage(Face(temp, "aligned", "bad_0.jpg"), how);
        File.WriteAllText(temp.Combine("aligned", "notes.txt"), "the user's notes");

        var run = CliProcess.Run(temp.Path, "faces", "sort", temp.Combine("aligned"), "--by", "blur");

        AssertNoStackTrace(run);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("bad_0.jpg", run.Stderr + run.Stdout);
        Assert.True(File.Exists(temp.Combine("aligned", "bad_0.jpg")), "a file that is not a usable face is left where it is");
        Assert.True(File.Exists(temp.Combine("aligned", "notes.txt")));
        Assert.Equal(4, Directory.GetFiles(temp.Combine("aligned"), "0000*.jpg").Length);
    }

    [Theory]
    [InlineData("zero-byte")]
    [InlineData("truncated")]
    [InlineData("1x1")]
    [InlineData("text")]
    public void FacesInfoOnABadFileIsOneLine(string how)
    {
        using var temp = new TempFolder();
        var path = Face(temp, "aligned", "bad face ążę.jpg");
        Damage(path, how);

        var run = CliProcess.Run(temp.Path, "faces", "info", path);

        AssertNoStackTrace(run);
        Assert.Equal(1, run.ExitCode);
        var line = Assert.Single(run.StderrLines);
        Assert.Contains("bad face ążę.jpg", line);
    }

    [Fact]
    public void FacesInfoReadsAFaceWhoseNameStartsWithADash()
    {
        using var temp = new TempFolder();
        Face(temp, "aligned", "-dash face.jpg");

        var run = CliProcess.Run(temp.Combine("aligned"), "faces", "info", "--", "-dash face.jpg");

        AssertNoStackTrace(run);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("whole_face", run.Stdout);
    }
}
