using FaceLab.Tests.Support;
using FaceLab.Training.Models;

namespace FaceLab.Tests.Training.Export;

/// <summary><c>facelab model export</c> in-process: the file where the docs say, the overwrite rule, and bad inputs as one error line.</summary>
[Collection(ExportCollection.Name)]
public class ExportCliTests(ExportModelsFixture models)
{
    /// <summary>A workspace holding a copy of the fixture's tiny DF model as <c>model/x_DF</c>.</summary>
    private string Workspace(TempFolder temp)
    {
        var source = models.Trained(ModelRegistry.Get("DF"));
        var target = Path.Combine(temp.Path, "model", Path.GetFileName(source));
        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }
        return temp.Path;
    }

    [Fact]
    public async Task Writes_the_dfm_beside_the_model_refuses_to_overwrite_and_replaces_when_told()
    {
        using var temp = new TempFolder();
        var workspace = Workspace(temp);
        var expected = Path.Combine(workspace, "model", "x_DF", "x_DF.dfm");

        var first = await CliInProcess.RunAsync("--workspace", workspace, "model", "export", "x", "--format", "dfm");
        Assert.True(first.ExitCode == 0, first.Stderr);
        Assert.Matches(@"^model: x_DF \(#1\) exported as dfm to .*x_DF\.dfm: [0-9.]+ MB, \d+ operators, 64 px full faces$", Assert.Single(first.StdoutLines));
        var written = File.ReadAllBytes(expected);
        using (var session = new Microsoft.ML.OnnxRuntime.InferenceSession(expected))
            Assert.Equal(["in_face:0"], session.InputNames);

        var again = await CliInProcess.RunAsync("--workspace", workspace, "model", "export", "x", "--format", "dfm");
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("already exists", Assert.Single(again.StderrLines));
        Assert.Equal(written, File.ReadAllBytes(expected));

        var half = await CliInProcess.RunAsync("--workspace", workspace, "model", "export", "x", "--format", "dfm", "--fp16", "--overwrite");
        Assert.True(half.ExitCode == 0, half.Stderr);
        Assert.InRange(new FileInfo(expected).Length, written.Length * 0.45, written.Length * 0.6);
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(expected)!, "*.partial*"));

        var onnx = await CliInProcess.RunAsync("--workspace", workspace, "model", "export", "x_DF", "--out", temp.Combine("out", "swap.onnx"));
        Assert.True(onnx.ExitCode == 0, onnx.Stderr);
        Assert.True(File.Exists(temp.Combine("out", "swap.onnx")));
    }

    [Fact]
    public async Task An_unknown_model_an_unwritable_output_and_an_unknown_format_are_clear_errors()
    {
        using var temp = new TempFolder();
        var workspace = Workspace(temp);
        File.WriteAllText(temp.Combine("blocker"), "a file where a folder would be");

        var unknown = await CliInProcess.RunAsync("--workspace", workspace, "model", "export", "nope");
        var unwritable = await CliInProcess.RunAsync("--workspace", workspace, "model", "export", "x", "--out", temp.Combine("blocker", "m.onnx"));
        var format = await CliInProcess.RunAsync("--workspace", workspace, "model", "export", "x", "--format", "tflite");

        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("nope", Assert.Single(unknown.StderrLines));
        Assert.Equal(1, unwritable.ExitCode);
        Assert.Contains("cannot write there", Assert.Single(unwritable.StderrLines));
        Assert.NotEqual(0, format.ExitCode);
        // A parse error: the one error line naming the valid values, then the CLI's pointer to the help.
        Assert.Contains("--format tflite: not a valid value; use one of onnx, dfm", format.StderrLines[0]);
        Assert.Equal(["x_DF"], Directory.GetFileSystemEntries(Path.Combine(workspace, "model")).Select(Path.GetFileName));
    }
}
