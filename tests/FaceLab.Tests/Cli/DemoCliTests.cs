using FaceLab.Tests.Support;

namespace FaceLab.Tests.Cli;

/// <summary><c>facelab demo SRC DST</c> on a user's own pair: the arguments are checked before any work.</summary>
public class DemoCliTests
{
    [Fact]
    public void OneVideoAloneIsRefusedInOneLine()
    {
        using var temp = new TempFolder();

        var run = CliProcess.Run(temp.Path, "demo", "src.mp4");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("facelab: error: demo: give both SRC and DST, or neither for the demo pair", run.StderrLines[0].TrimEnd());
        Assert.False(Directory.Exists(Path.Combine(temp.Path, "demo-workspace")));
    }

    [Fact]
    public void AMissingVideoIsNamedAndNothingIsCreated()
    {
        using var temp = new TempFolder();
        File.WriteAllBytes(Path.Combine(temp.Path, "src.mp4"), [0]);

        var run = CliProcess.Run(temp.Path, "demo", "src.mp4", "my dst.mp4");

        Assert.Equal(1, run.ExitCode);
        Assert.Single(run.StderrLines, l => l.Length > 0);
        Assert.Contains("my dst.mp4: does not exist", run.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(temp.Path, "demo-src-my dst")));
    }
}
