using FaceLab.Tests.Faces.Detection;
using FaceLab.Tests.Support;
using OpenCvSharp;

namespace FaceLab.Tests.Cli;

/// <summary>What a user meets when something is off: one clear line, the right exit code, no .NET internals.</summary>
public class UserMessageTests
{
    [Fact]
    public void AMistypedOptionValueGivesTheErrorAndTheValidValuesNotTheWholeHelp()
    {
        using var temp = new TempFolder();

        var run = CliProcess.Run(temp.Path, "video", "extract", "x.mp4", "--format", "JPEG");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("facelab: error: --format JPEG: not a valid value; use one of png, jpg", run.StderrLines[0].TrimEnd());
        Assert.Equal("facelab: see 'facelab video extract --help'", run.StderrLines[^1].TrimEnd());
        Assert.Equal(2, run.StderrLines.Length);
        Assert.DoesNotContain("FaceLab.Media", run.Stderr);
        Assert.Empty(run.Stdout.Trim());
    }

    [Fact]
    public void OptionValuesAreAcceptedInAnyCaseAndShownInLowerCase()
    {
        using var temp = new TempFolder();

        var help = CliProcess.Run(temp.Path, "faces", "extract", "--help");
        var upper = CliProcess.Run(temp.Path, "faces", "extract", "missing-folder", "--format", "PNG");

        Assert.Contains("--format <jpg|png>", help.Stdout);
        Assert.Contains("(default: jpg)", help.Stdout);
        Assert.Contains("missing-folder: folder not found", upper.Stderr); // parsed, then failed on the folder
    }

    [Fact]
    public void NamesAreLookedUpLikeTheLibraryDoesAnUnknownOneIsOneLine()
    {
        using var temp = new TempFolder();

        var unknown = CliProcess.Run(temp.Path, "faces", "extract", "--detector", "s3fd");
        var upper = CliProcess.Run(temp.Path, "faces", "sort", "missing", "--by", "BLUR");

        Assert.Equal(1, unknown.ExitCode);
        Assert.Equal("facelab: error: --detector s3fd: unknown face detector (expected one of: ultraface, blazeface, blazeface-short, mtcnn, haar)",
            unknown.StderrLines[0].TrimEnd());
        Assert.Contains("missing: folder not found", upper.Stderr); // BLUR was accepted
    }

    [Fact]
    public void HelpNamesTheCommandFacelab()
    {
        using var temp = new TempFolder();

        var help = CliProcess.Run(temp.Path, "--help");

        Assert.Contains("facelab [command] [options]", help.Stdout);
        Assert.DoesNotContain("FaceLab.Cli", help.Stdout);
    }

    [Fact]
    public void ProvenanceOfAFileWithoutAMarkExitsWithTwo()
    {
        using var temp = new TempFolder();
        using (var image = new Mat(8, 8, MatType.CV_8UC3, Scalar.All(60))) Cv2.ImWrite(temp.Combine("plain.png"), image);

        var run = CliProcess.Run(temp.Path, "provenance", "plain.png");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("provenance: none", run.Stdout);
        Assert.Empty(run.Stderr);
    }

    [Fact]
    public void FacesInfoOnAFolderSaysItIsAFolder()
    {
        using var temp = new TempFolder();
        Directory.CreateDirectory(temp.Combine("aligned"));

        var run = CliProcess.Run(temp.Path, "faces", "info", "aligned");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal($"facelab: error: {temp.Combine("aligned")}: is a folder (give one face image file)", Assert.Single(run.StderrLines).TrimEnd());
    }

    [Fact]
    public void ExtractingAMissingVideoSaysTheFileDoesNotExist()
    {
        using var temp = new TempFolder();

        var run = CliProcess.Run(temp.Path, "video", "extract", "/missing.mp4");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("facelab: error: /missing.mp4: file does not exist (check the path)", Assert.Single(run.StderrLines).TrimEnd());
    }

    [Fact]
    public void ExtractingFacesAgainSaysWhatWasSkippedAndRedoExtractsAgain()
    {
        using var temp = new TempFolder();
        var frames = Directory.CreateDirectory(temp.Combine("frames")).FullName;
        foreach (var (index, frame) in VideoFrames.Every(TestPaths.VideoWithAudio, 60).Take(2))
            Cv2.ImWrite(Path.Combine(frames, $"{index / 60 + 1:D5}.png"), frame);
        var first = CliProcess.Run(temp.Path, "faces", "extract", "frames", "--workers", "1");
        Assert.True(first.ExitCode == 0, first.Stderr);

        var debug = CliProcess.Run(temp.Path, "faces", "extract", "frames", "--workers", "1", "--debug");

        Assert.True(debug.ExitCode == 0, debug.Stderr);
        Assert.Contains("faces: skipped 2 frames extracted by an earlier run (so no debug images for them); pass --redo to extract them again", debug.Stdout);
        Assert.Empty(Directory.GetFiles(temp.Combine("frames", "aligned_debug")));

        var redo = CliProcess.Run(temp.Path, "faces", "extract", "frames", "--workers", "1", "--debug", "--redo");

        Assert.True(redo.ExitCode == 0, redo.Stderr);
        Assert.Contains("faces: 2 faces from 2 frames", redo.Stdout);
        Assert.DoesNotContain("skipped", redo.Stdout);
        Assert.Equal(2, Directory.GetFiles(temp.Combine("frames", "aligned_debug")).Length);
        Assert.Equal(2, Directory.GetFiles(temp.Combine("frames", "aligned"), "*.jpg").Length);
    }
}
