using System.CommandLine;
using System.Globalization;
using FaceLab.Cli.Rendering;
using FaceLab.Training.Export;
using FaceLab.Training.Inference;
using FaceLab.Training.Models;
using FaceLab.Training.Sessions;

namespace FaceLab.Cli.Commands;

/// <summary><c>facelab model list|info|restore|predict|export</c>: the trained models of a workspace.</summary>
internal static class ModelCommands
{
    public static Command Create(CliConsole console)
    {
        var command = new Command("model", "The trained models of the workspace: list, inspect, roll back to a backup, run on faces, export");
        command.Subcommands.Add(List(console));
        command.Subcommands.Add(Info(console));
        command.Subcommands.Add(Restore(console));
        command.Subcommands.Add(Predict(console));
        command.Subcommands.Add(Export(console));
        return command;
    }

    private static Argument<string> NameArgument() => new("name") { Description = "The model: its folder name (demo_DF) or its name (demo)" };

    private static Command List(CliConsole console)
    {
        var command = new Command("list", "Models in the workspace: type, name, resolution, face type, iteration, last save, size");
        CommandRunner.SetAction(console, command, (result, ct) =>
        {
            var models = ModelFolder.List(CommonOptions.WorkspaceOf(result).Models);
            if (models.Count == 0) console.Line("model: no models in this workspace");
            foreach (var m in models)
            {
                var options = m.Definition is null ? "unknown type" : $"{m.Options.Resolution} px {m.Options.FaceType}";
                console.Line(string.Create(CultureInfo.InvariantCulture,
                    $"{Path.GetFileName(m.Folder),-24} {m.Spec.ModelType,-12} {m.Spec.Name,-12} {options,-18} #{m.Iteration,-8} {Saved(m.SavedAt),-20} {Megabytes(m.SizeBytes)}"));
            }
            return Task.CompletedTask;
        });
        return command;
    }

    private static Command Info(CliConsole console)
    {
        var name = NameArgument();
        var command = new Command("info", "A model's options, losses, checkpoint and backups") { name };
        CommandRunner.SetAction(console, command, (result, ct) =>
        {
            var m = ModelFolder.Find(CommonOptions.WorkspaceOf(result).Models, result.GetValue(name));
            console.Line($"model: {Path.GetFileName(m.Folder)} ({m.Spec.ModelType} '{m.Spec.Name}') in {m.Folder}");
            if (m.Definition is { } definition)
                foreach (var option in definition.Schema.Options)
                    console.Line(string.Create(CultureInfo.InvariantCulture, $"  {option.Key,-20} {option.ValueIn(m.Options)}"));
            console.Line(string.Create(CultureInfo.InvariantCulture, $"  seed {m.Spec.Seed}, batch {m.Spec.BatchSize}, {Megabytes(m.SizeBytes)} on disk"));
            var losses = m.Losses.Snapshot();
            console.Line(losses.Length == 0
                ? "  losses: none saved yet"
                : string.Create(CultureInfo.InvariantCulture,
                    $"  losses: {losses.Length} iterations; first src {losses[0].Source:0.0000} dst {losses[0].Destination:0.0000}; last 100 mean src {losses.TakeLast(100).Average(p => p.Source):0.0000} dst {losses.TakeLast(100).Average(p => p.Destination):0.0000}"));
            console.Line(m.Checkpoint is null ? "  checkpoint: none yet" : $"  checkpoint: #{m.Iteration} saved {Saved(m.SavedAt)} ({Path.GetFileName(m.Checkpoint)})");
            var backups = m.Backups;
            console.Line(backups.Count == 0 ? "  backups: none" : "  backups:");
            for (var i = 0; i < backups.Count; i++)
                console.Line($"    {i + 1}. #{backups[i].Iteration} saved {Saved(backups[i].SavedAt)} ({backups[i].Name})");
            return Task.CompletedTask;
        });
        return command;
    }

    private static Command Restore(CliConsole console)
    {
        var name = NameArgument();
        var backup = new Option<string>("--backup") { Description = "The backup: its number in 'model info' (1 = oldest) or its name", Required = true };
        var command = new Command("restore", "Roll a model back to a backup; the current state is kept as a backup first") { name, backup };
        CommandRunner.SetAction(console, command, (result, ct) =>
        {
            var m = ModelFolder.Find(CommonOptions.WorkspaceOf(result).Models, result.GetValue(name));
            var before = m.Iteration;
            var kept = m.Restore(result.GetValue(backup)!);
            console.Line($"model: {Path.GetFileName(m.Folder)} restored to #{m.Iteration}" + (kept is null ? "" : $"; the state at #{before} is kept as backup {kept}"));
            return Task.CompletedTask;
        });
        return command;
    }

    private static Command Predict(CliConsole console)
    {
        var name = NameArgument();
        var faces = new Option<DirectoryInfo>("--faces") { Description = "Aligned faces to run the model on (a folder or a pack)", Required = true };
        var output = new Option<DirectoryInfo>("--out") { Description = "Folder for the predicted faces (NAME.png)", Required = true };
        var direction = new Option<string>("--direction") { Description = "swap (dst → src), src (src → src) or dst (dst → dst)", DefaultValueFactory = _ => "swap" };
        direction.AcceptOnlyFromAmong(Directions.Names.ToArray());
        var masks = new Option<bool>("--masks") { Description = "Also write the predicted masks (NAME_mask.png)" };
        var command = new Command("predict", "Run a model on aligned faces and write what it predicts") { name, faces, output, direction, masks };
        CommandRunner.SetAction(console, command, async (result, ct) =>
        {
            var m = ModelFolder.Find(CommonOptions.WorkspaceOf(result).Models, result.GetValue(name));
            using var model = TrainedModel.Open(m.Folder);
            var written = await ProgressDisplay.RunAsync(console, p => Task.Run(() => FacePredictionWriter.Run(
                model, result.GetValue(faces)!.FullName, result.GetValue(output)!.FullName, Directions.Get(result.GetValue(direction)!), result.GetValue(masks), p, ct), ct));
            console.Line($"model: {written} faces predicted by {Path.GetFileName(m.Folder)} (#{model.Iteration}) into {result.GetValue(output)!.FullName}");
        });
        return command;
    }

    private static Command Export(CliConsole console)
    {
        var name = NameArgument();
        var format = CommonOptions.Choice("--format", "onnx: plain ONNX in the inference layout (N×3×R×R); dfm: DeepFaceLive's model (in_face:0, N×R×R×3)", ExportFormat.Onnx);
        var fp16 = new Option<bool>("--fp16") { Description = "Store the weights as float16: half the file; inputs and outputs stay float32" };
        var output = new Option<FileInfo>("--out") { Description = "The file to write (default: NAME_TYPE.onnx or .dfm in the model's folder)" };
        var overwrite = CommonOptions.Overwrite("an output file");
        var command = new Command("export", "Write a model's swap predictor (dst face in; swapped face, its mask and the dst mask out) as an ONNX file for ONNX Runtime, DeepFaceLive or FaceFusion")
        {
            name, format, fp16, output, overwrite,
        };
        CommandRunner.SetAction(console, command, async (result, ct) =>
        {
            var m = ModelFolder.Find(CommonOptions.WorkspaceOf(result).Models, result.GetValue(name));
            var chosen = result.GetValue(format) ?? ExportFormat.Onnx;
            var path = result.GetValue(output)?.FullName ?? Path.Combine(m.Folder, Path.GetFileName(m.Folder) + ModelExporter.Extension(chosen));
            using var model = TrainedModel.Open(m.Folder);
            var options = new ExportOptions { Format = chosen, HalfPrecisionWeights = result.GetValue(fp16), Overwrite = result.GetValue(overwrite) };
            var exported = await Task.Run(() => ModelExporter.Export(model, path, options), ct);
            console.Line(string.Create(CultureInfo.InvariantCulture,
                $"model: {Path.GetFileName(m.Folder)} (#{model.Iteration}) exported as {chosen.ToString().ToLowerInvariant()} to {exported.Path}: {Megabytes(exported.Bytes)}, {exported.Nodes} operators, {exported.Resolution} px {model.FaceType} faces"));
        });
        return command;
    }

    private static readonly Common.Registry<PredictionDirection> Directions = new("direction", [
        ("swap", PredictionDirection.DestinationToSource),
        ("src", PredictionDirection.SourceToSource),
        ("dst", PredictionDirection.DestinationToDestination),
    ]);

    private static string Saved(DateTimeOffset? at) => at?.ToLocalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? "never";

    private static string Megabytes(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1048576.0:0.0} MB");
}
