using System.Text.Json;
using FaceLab.Evaluation;
using FaceLab.Tests.Support;

namespace FaceLab.Tests.Evaluation;

/// <summary><c>facelab evaluate</c> as a user runs it: JSON on stdout only, the figures saved beside the model; errors in one line.</summary>
public class EvaluateCliTests(EvaluationWorkspaceFixture workspace) : IClassFixture<EvaluationWorkspaceFixture>
{
    [Fact]
    public void Json_prints_one_object_and_saves_it_in_the_model_folder()
    {
        var model = workspace.Model;
        var saved = Path.Combine(model, EvaluationReport.FileName);
        if (File.Exists(saved)) File.Delete(saved);

        var run = CliProcess.Run(workspace.Layout.Root, "evaluate", "--workspace", workspace.Layout.Root, "--frames", workspace.Layout.DestinationFrames, "--json");

        Assert.True(run.ExitCode == 0, run.Stderr);
        using var json = JsonDocument.Parse(run.Stdout); // fails on anything but one JSON value
        var root = json.RootElement;
        Assert.Equal(JsonValueKind.Object, root.ValueKind);
        Assert.Equal(0, root.GetProperty("identity").GetProperty("id_retrieval").GetDouble());
        Assert.Equal(1, root.GetProperty("flicker_ratio").GetDouble(), 9);
        Assert.Equal(Path.GetFileName(model), root.GetProperty("model").GetString());
        Assert.True(root.GetProperty("reconstruction").GetProperty("ssim").GetDouble() > 0);
        Assert.Equal(run.Stdout.Trim(), File.ReadAllText(saved).Trim());
        Assert.Contains("evaluate:", run.Stderr); // progress goes to stderr
    }

    [Fact]
    public void A_missing_merged_folder_is_one_line_naming_it()
    {
        var missing = Path.Combine(workspace.Layout.Root, "no-such-merge");

        var run = CliProcess.Run(workspace.Layout.Root, "evaluate", "--workspace", workspace.Layout.Root, "--frames", missing);

        Assert.Equal(1, run.ExitCode);
        var line = Assert.Single(run.StderrLines);
        Assert.StartsWith($"facelab: error: {missing}: does not exist", line);
        Assert.DoesNotContain("--", line);
    }
}
