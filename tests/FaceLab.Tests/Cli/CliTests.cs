using FaceLab.Tests.Support;

namespace FaceLab.Tests.Cli;

/// <summary>The real CLI in a separate process: exit codes, one-line errors, help, the workflow.</summary>
public class CliTests
{
    [Theory]
    [InlineData("--help")]
    [InlineData("workspace", "init", "--help")]
    [InlineData("video", "extract", "--help")]
    [InlineData("video", "cut", "--help")]
    [InlineData("video", "assemble", "--help")]
    [InlineData("provenance", "--help")]
    [InlineData("setup", "--help")]
    [InlineData("demo", "--help")]
    public void HelpIsAvailableEverywhere(params string[] args)
    {
        var result = CliProcess.Run(Path.GetTempPath(), args);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Usage:", result.Stdout);
    }

    public static TheoryData<string, string[], string> BadInputs => new()
    {
        { "missing.mp4", ["video", "extract", "{dir}/missing.mp4", "--out", "{dir}/frames"], "file does not exist" },
        { "notes.mp4", ["video", "extract", "{dir}/notes.mp4", "--out", "{dir}/frames"], "not a readable video" },
        { "notes.mp4", ["video", "cut", "{dir}/notes.mp4", "--start", "0", "--duration", "1"], "not a readable video" },
        { "frames", ["video", "assemble", "--frames", "{dir}/frames", "--fps", "25", "--out", "{dir}/out.mp4"], "no frames found" },
        { "missing.mp4", ["provenance", "{dir}/missing.mp4"], "file does not exist" },
        { "--fps", ["video", "extract", "{dir}/notes.mp4", "--fps", "fast", "--out", "{dir}/frames"], "use a positive number" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public void BadInputGivesOneLineErrorNamingTheProblemAndNonZeroExit(string named, string[] args, string problem)
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp.Combine("notes.mp4"), "this is a text file, not a video");
        Directory.CreateDirectory(temp.Combine("frames"));

        var result = CliProcess.Run(temp.Path, args.Select(a => a.Replace("{dir}", temp.Path, StringComparison.Ordinal)).ToArray());

        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.StderrLines);
        Assert.StartsWith("facelab: error: ", line);
        Assert.Contains(named, line);
        Assert.Contains(problem, line);
        Assert.Empty(Directory.GetFiles(temp.Combine("frames")));
        Assert.False(File.Exists(temp.Combine("out.mp4")));
    }

    [Fact]
    public void WorkflowInAWorkspace_ExtractAssembleProvenance()
    {
        using var temp = new TempFolder();
        Assert.Equal(0, CliProcess.Run(temp.Path, "workspace", "init").ExitCode);
        MediaOracle.Run("ffmpeg", "-v", "error", "-i", TestPaths.VideoWithAudio, "-t", "1", "-c:v", "libx264", "-c:a", "aac", temp.Combine("data_dst.mp4"));

        var extract = CliProcess.Run(temp.Path, "video", "extract", "data_dst.mp4");
        Assert.Equal(0, extract.ExitCode);
        Assert.Contains("30 frames", extract.Stdout);
        Assert.Contains("extract: 30/30 frames (100%)", extract.Stdout); // plain progress lines with count, rate, ETA
        Assert.Contains("frames/s", extract.Stdout);
        Assert.Equal(30, Directory.GetFiles(temp.Combine("data_dst"), "*.png").Length);

        var assemble = CliProcess.Run(temp.Path, "video", "assemble", "--frames", "data_dst");
        Assert.Equal(0, assemble.ExitCode);
        var probe = MediaOracle.Probe(temp.Combine("result.mp4"));
        Assert.Single(MediaOracle.Streams(probe, "audio"));

        var marked = CliProcess.Run(temp.Path, "provenance", "result.mp4");
        Assert.Equal(0, marked.ExitCode);
        Assert.Contains("synthetic media", marked.Stdout);
        Assert.Contains("FaceLab", marked.Stdout);
        var plain = CliProcess.Run(temp.Path, "provenance", "data_dst.mp4");
        Assert.Equal(2, plain.ExitCode); // no mark: scripts can tell
        Assert.Contains("provenance: none", plain.Stdout);

        var again = CliProcess.Run(temp.Path, "video", "assemble", "--frames", "data_dst");
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("--overwrite", again.Stderr);
    }

    [Fact]
    public void WorkspaceClearKeepsTheVideos()
    {
        using var temp = new TempFolder();
        CliProcess.Run(temp.Path, "workspace", "init");
        File.WriteAllText(temp.Combine("data_dst.mp4"), "video");
        File.WriteAllText(temp.Combine("data_dst", "00001.png"), "frame");

        var result = CliProcess.Run(temp.Path, "workspace", "init", "--clear", "--yes");

        Assert.Equal(0, result.ExitCode);
        Assert.True(File.Exists(temp.Combine("data_dst.mp4")));
        Assert.False(File.Exists(temp.Combine("data_dst", "00001.png")));
    }
}
