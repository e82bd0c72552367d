using System.CommandLine;
using FaceLab.Cli.Rendering;
using FaceLab.Evaluation;
using FaceLab.Training.Sessions;

namespace FaceLab.Cli.Commands;

/// <summary><c>facelab evaluate</c>: how good a merged swap is, in figures (identity, pose, expression, reconstruction, sharpness, flicker).</summary>
internal static class EvaluateCommand
{
    public static Command Create(CliConsole console)
    {
        var model = new Option<string?>("--model") { Description = "The model: its folder name (demo_DF) or name (demo); default: the only model of the workspace. The figures are saved in its folder" };
        var frames = new Option<string?>("--frames") { Description = "Folder of the merged frames (default: data_dst/merged)" };
        var json = new Option<bool>("--json") { Description = "Print the figures as one JSON object and nothing else on stdout" };
        var workers = new Option<int>("--workers") { Description = "Frames measured at once", DefaultValueFactory = _ => Environment.ProcessorCount };
        var maxFrames = new Option<int?>("--max-frames") { Description = "Measure at most this many frames, as runs of 5 consecutive frames spread over the result (default: every frame)" };
        var command = new Command("evaluate", "Measure a merged swap against its dst frames and the src faces: identity, pose, expression, reconstruction, sharpness, flicker")
        {
            model, frames, json, workers, maxFrames,
        };
        CommandRunner.SetAction(console, command, async (result, ct) =>
        {
            var layout = CommonOptions.WorkspaceOf(result);
            var name = result.GetValue(model);
            var folder = name is null && ModelFolder.List(layout.Models).Count == 0 ? null : ModelFolder.Find(layout.Models, name).Folder;
            var request = EvaluationRequest.In(layout, folder, result.GetValue(frames) is { } f ? Path.GetFullPath(f) : null) with
            {
                Options = new EvaluationOptions { Workers = result.GetValue(workers), MaxFrames = result.GetValue(maxFrames) },
            };
            var asJson = result.GetValue(json);
            var report = asJson
                ? await SwapEvaluation.RunAsync(request, new PlainProgressLines(console.Error.Profile.Out.Writer), ct)
                : await ProgressDisplay.RunAsync(console, p => SwapEvaluation.RunAsync(request, p, ct));
            var saved = folder is null ? null : report.Save(folder);
            if (asJson)
            {
                console.Line(System.Text.Encoding.UTF8.GetString(report.ToJson()));
                return;
            }
            EvaluationTable.Write(console, report);
            console.Line(saved is null
                ? "evaluate: no model in the workspace, so no reconstruction figures and nothing saved"
                : $"evaluate: saved to {saved}");
        });
        return command;
    }
}
