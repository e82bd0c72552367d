using FaceLab.Imaging;
using FaceLab.Provenance;
using FaceLab.Tests.Support;
using OpenCvSharp;

namespace FaceLab.Tests.Cli;

/// <summary>
/// Commands run in-process through the console abstraction: their output is captured without a
/// process (milliseconds instead of a .NET start-up per case).
/// </summary>
/// <remarks>
/// Seen to fail: with ProvenanceCommand printing its "none" line through Console.WriteLine instead
/// of the injected console, <see cref="ProvenancePrintsTheMarkOrNone"/> failed (nothing captured);
/// restored, it passes.
/// </remarks>
public class InProcessCliTests
{
    [Fact]
    public async Task ModelListOfANewWorkspaceSaysThereAreNoModels()
    {
        using var temp = new TempFolder();
        var init = await CliInProcess.RunAsync("workspace", "init", temp.Path);
        Assert.Equal(0, init.ExitCode);
        Assert.Equal($"workspace: ready at {temp.Path}", Assert.Single(init.StdoutLines));

        var list = await CliInProcess.RunAsync("--workspace", temp.Path, "model", "list");

        Assert.Equal(0, list.ExitCode);
        Assert.Equal("model: no models in this workspace", Assert.Single(list.StdoutLines));
        Assert.Empty(list.Stderr);
    }

    [Fact]
    public async Task ProvenancePrintsTheMarkOrNone()
    {
        using var temp = new TempFolder();
        Cv2.ImEncode(".png", new Mat(8, 8, MatType.CV_8UC3, Scalar.All(60)), out var png);
        await File.WriteAllBytesAsync(temp.Combine("plain.png"), png);
        var mark = ProvenanceMark.Now();
        await File.WriteAllBytesAsync(temp.Combine("marked.png"), PngChunks.WithText(png, ProvenanceMark.PngKeyword, mark.ToText()));

        var marked = await CliInProcess.RunAsync("provenance", temp.Combine("marked.png"));
        var plain = await CliInProcess.RunAsync("provenance", temp.Combine("plain.png"));

        Assert.Equal(0, marked.ExitCode);
        Assert.Equal($"{temp.Combine("marked.png")}: provenance: synthetic media", marked.StdoutLines[0]);
        Assert.Contains($"statement: {mark.Statement}", marked.Stdout);
        Assert.Equal(2, plain.ExitCode);
        Assert.Equal($"{temp.Combine("plain.png")}: provenance: none", Assert.Single(plain.StdoutLines));
    }

    [Fact]
    public async Task ErrorsGoToTheErrorConsoleAsOneLine()
    {
        using var temp = new TempFolder();

        var missing = await CliInProcess.RunAsync("faces", "info", temp.Combine("missing.jpg"));
        var mistyped = await CliInProcess.RunAsync("video", "extract", "x.mp4", "--format", "JPEG2");

        Assert.Equal(1, missing.ExitCode);
        Assert.Empty(missing.Stdout);
        Assert.StartsWith("facelab: error: ", Assert.Single(missing.StderrLines));
        Assert.Equal(1, mistyped.ExitCode);
        Assert.Equal(["facelab: error: --format JPEG2: not a valid value; use one of png, jpg", "facelab: see 'facelab video extract --help'"], mistyped.StderrLines);
    }
}
