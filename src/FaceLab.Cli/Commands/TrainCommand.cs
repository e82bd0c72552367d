using System.CommandLine;
using FaceLab.Cli.Rendering;
using FaceLab.FaceSets;
using FaceLab.FaceSets.Packing;
using FaceLab.Training.Devices;
using FaceLab.Training.Models;
using FaceLab.Training.Sessions;
using Spectre.Console;

namespace FaceLab.Cli.Commands;

/// <summary><c>facelab train --model M</c>: DeepFaceLab's step 6. The model options are generated from the model types' declared options.</summary>
internal static class TrainCommand
{
    public static Command Create(CliConsole console)
    {
        var model = new Option<string>("--model") { Description = "Model type: " + string.Join(", ", ModelRegistry.All.Select(m => $"{m.Name} ({m.Summary})")), Required = true };
        model.AcceptOnlyFromAmong([.. ModelRegistry.Names]);
        var name = new Option<string>("--name") { Description = "Model name: the folder is model/NAME_TYPE", DefaultValueFactory = _ => "model" };
        var src = new Option<string?>("--src") { Description = "src faces: a folder or a packed face set (default: data_src/aligned of the workspace)" };
        var dst = new Option<string?>("--dst") { Description = "dst faces: a folder or a packed face set (default: data_dst/aligned of the workspace)" };
        var batch = new Option<int?>("--batch") { Description = "Batch size (new model: 8; later runs: the saved one)" };
        var target = new Option<long?>("--target-iter") { Description = "Stop and save at this iteration" };
        var minutes = new Option<double?>("--minutes") { Description = "Stop and save after this many minutes" };
        var history = new Option<bool>("--write-preview-history") { Description = "Write a preview into history/ every --preview-every iterations" };
        var previewEvery = new Option<int>("--preview-every") { Description = "Iterations between history previews", DefaultValueFactory = _ => 100 };
        var device = new Option<string>("--device") { Description = "cpu, best (the GPU with the most memory) or GPU indices like 0,1 (batch split)", DefaultValueFactory = _ => "cpu" };
        var seed = new Option<int>("--seed") { Description = "Seed of a new model's weights and sample order", DefaultValueFactory = _ => 1 };
        var autosaveMinutes = new Option<double>("--autosave-minutes") { Description = "Save every N minutes", DefaultValueFactory = _ => 15 };
        var autosaveIters = new Option<long?>("--autosave-iters") { Description = "Also save every N iterations" };
        var backups = new Option<int>("--backups") { Description = "Rotating backups to keep (0: none)", DefaultValueFactory = _ => 3 };
        var backupMinutes = new Option<double>("--backup-minutes") { Description = "Minutes between backups", DefaultValueFactory = _ => 60 };
        var cropCache = new Option<long?>("--crop-cache-mb") { Description = "Memory for decoded face crops, in MB (default: a quarter of the memory); beyond it crops are read again from their files" };
        var preset = new Option<string?>("--preset") { Description = "New model: " + string.Join(", ", ModelPresets.Names.Names) };
        preset.AcceptOnlyFromAmong([.. ModelPresets.Names.Names]);
        var optionsFile = new Option<FileInfo?>("--options") { Description = "New model: a JSON file of model options (or a model.json to copy them from)" };
        var modelOptions = ModelOptionFlags.Create();
        var command = new Command("train", "Train a face-swap model on the src and dst face sets; Ctrl+C (or Enter on a terminal) saves and stops; runs resume")
        {
            model, name, src, dst, batch, target, minutes, history, previewEvery, device, seed, autosaveMinutes, autosaveIters, backups, backupMinutes,
            cropCache, preset, optionsFile,
        };
        foreach (var option in modelOptions.Options) command.Options.Add(option);
        CommandRunner.SetAction(console, command, async (result, ct) =>
        {
            var layout = CommonOptions.WorkspaceOf(result);
            var definition = ModelRegistry.Get(result.GetValue(model)!);
            var isNew = !ModelFolder.Exists(layout.Models, result.GetValue(name)!, definition);
            var values = modelOptions.Given(result, definition);
            var presetName = result.GetValue(preset);
            var file = result.GetValue(optionsFile)?.FullName;
            ModelOptions? given = null;
            if (presetName is not null || file is not null || values.Count > 0)
                given = NewModelOptions.From(definition, presetName, file, values);
            else if (isNew && console.IsInteractiveInput)
                given = AskOptions(console, definition);
            var sessionOptions = new TrainingSessionOptions
            {
                BatchSize = result.GetValue(batch),
                TargetIteration = result.GetValue(target),
                MaxMinutes = result.GetValue(minutes),
                WritePreviewHistory = result.GetValue(history),
                PreviewHistoryEvery = result.GetValue(previewEvery),
                Device = DeviceSelection.Parse(result.GetValue(device)!),
                Seed = result.GetValue(seed),
                AutosaveMinutes = result.GetValue(autosaveMinutes),
                AutosaveIterations = result.GetValue(autosaveIters),
                Backups = result.GetValue(backups),
                BackupMinutes = result.GetValue(backupMinutes),
                CropCacheBytes = result.GetValue(cropCache) is { } mb ? checked(mb * 1048576) : null,
            };
            sessionOptions.Validate();
            using var source = OpenFaceSet(console, result.GetValue(src) is { } s ? Path.GetFullPath(s) : layout.SourceAligned);
            using var destination = OpenFaceSet(console, result.GetValue(dst) is { } d ? Path.GetFullPath(d) : layout.DestinationAligned);

            using var session = TrainingSession.Open(layout.Models, definition, result.GetValue(name)!, given, source.Set, destination.Set, sessionOptions);
            console.Line($"train: {session.Spec.ModelType} '{session.Spec.Name}' ({session.ModelOptions.ArchitectureText()}), batch {session.BatchSize}, " +
                $"{source.Set.Count} src and {destination.Set.Count} dst faces, from iteration {session.Iteration}; folder {session.Folder}");
            var free = session.FreeBytes;
            console.Line($"train: a checkpoint takes {session.CheckpointBytes / 1048576.0:0} MB; " +
                (free >= 1L << 30 ? $"{free / 1073741824.0:0.0} GB" : $"{free / 1048576.0:0} MB") + " free there");
            console.Line($"train: face crop cache up to {session.CropCacheBytes / 1048576.0:0} MB; the crops of all faces take {session.CropBytesForAllFaces / 1048576.0:0} MB" +
                (session.CropBytesForAllFaces <= session.CropCacheBytes ? ", all kept" : ": beyond it, the least recently used are read again from their files"));
            console.Line("train: Ctrl+C" + (console.IsInteractiveInput ? " or Enter" : "") + " saves and stops; preview.jpg and loss.png are updated on every save");
            using var keys = console.IsInteractiveInput ? WatchKeys(session.Monitor, ct) : null;
            if (await Task.Run(() => session.Run(console.Out.Profile.Out.Writer, ct), CancellationToken.None))
                console.Line($"train: saved at iteration {session.Iteration} in {session.Folder}");
            ct.ThrowIfCancellationRequested(); // stopped by Ctrl+C: saved, and the exit code says it was interrupted
        }, keptWhenStopped: "the model is saved; run train again to continue");
        return command;
    }

    /// <summary>DeepFaceLab asks a new model's options on the terminal; Enter keeps each default.</summary>
    private static ModelOptions AskOptions(CliConsole console, ModelDefinition definition)
    {
        console.Out.MarkupLine($"[bold]New {definition.Name} model[/] ({Markup.Escape(definition.Summary)}): press Enter to keep a default.");
        var values = new Dictionary<string, string>();
        foreach (var option in definition.Schema.Options)
        {
            var current = Convert.ToString(option.ValueIn(definition.Defaults), System.Globalization.CultureInfo.InvariantCulture) ?? "";
            var answer = console.Out.Prompt(new TextPrompt<string>($"{Markup.Escape(option.Description)} [grey]({Markup.Escape(option.Range)})[/]")
                .DefaultValue(current.ToLowerInvariant()));
            values[option.Key] = answer;
        }
        return NewModelOptions.From(definition, null, null, values);
    }

    /// <summary>A folder of faces or a packed face set (<c>facelab faces pack</c>), closed with the command.</summary>
    private static OpenedFaceSet OpenFaceSet(CliConsole console, string path)
    {
        var set = FaceSet.Open(path);
        foreach (var skipped in set.Skipped.Take(5)) console.Warning($"{path}: {skipped.Name} skipped ({skipped.Reason})");
        if (set.Skipped.Count > 5) console.Warning($"{set.Skipped.Count - 5} more faces skipped in {path}");
        return new OpenedFaceSet(set);
    }

    private sealed record OpenedFaceSet(IFaceSet Set) : IDisposable
    {
        public void Dispose() => (Set as IDisposable)?.Dispose();
    }

    private static IDisposable WatchKeys(TrainingMonitor monitor, CancellationToken ct)
    {
        var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        _ = Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                if (!Console.KeyAvailable)
                {
                    Thread.Sleep(100);
                    continue;
                }
                var key = Console.ReadKey(intercept: true).Key;
                if (key == ConsoleKey.Enter) monitor.Request(TrainingRequest.Stop);
                else if (key == ConsoleKey.S) monitor.Request(TrainingRequest.Save);
                else if (key == ConsoleKey.B) monitor.Request(TrainingRequest.Backup);
            }
        }, CancellationToken.None);
        return stop;
    }
}
