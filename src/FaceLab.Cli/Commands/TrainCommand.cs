using System.CommandLine;
using System.Globalization;
using FaceLab.Cli.Rendering;
using FaceLab.Common;
using FaceLab.Faces.Alignment;
using FaceLab.Training.Devices;
using FaceLab.Training.Models;
using FaceLab.Training.Samples;
using FaceLab.Training.Sessions;
using Spectre.Console;
using FaceLab.FaceSets;

namespace FaceLab.Cli.Commands;

/// <summary><c>facelab train --model M</c>: DeepFaceLab's step 6.</summary>
internal static class TrainCommand
{
    public static Command Create()
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
        var preset = new Option<string>("--preset") { Description = "New model: default, cpu-demo (64 px, small: minutes on 2 CPU cores) or tiny (tests)" };
        preset.AcceptOnlyFromAmong([.. ModelPresets.Names]);
        var resolution = new Option<int?>("--resolution") { Description = "New model: face resolution in pixels (multiple of 16)" };
        var faceType = new Option<string?>("--face-type") { Description = "New model: half, mid_full, full, whole_face or head" };
        var encoderDims = new Option<int?>("--encoder-dims") { Description = "New model: encoder width of the first layer" };
        var aeDims = new Option<int?>("--ae-dims") { Description = "New model: width of the code (dense layer)" };
        var decoderDims = new Option<int?>("--decoder-dims") { Description = "New model: decoder width of the last layer" };
        var optionsFile = new Option<FileInfo?>("--options") { Description = "New model: a model.json-style file of options (resolution, face_type, encoder_dims, ae_dims, ...)" };
        var command = new Command("train", "Train a face-swap model on the src and dst face sets; Ctrl+C (or Enter on a terminal) saves and stops; runs resume")
        {
            model, name, src, dst, batch, target, minutes, history, previewEvery, device, seed, autosaveMinutes, autosaveIters, backups, backupMinutes,
            preset, resolution, faceType, encoderDims, aeDims, decoderDims, optionsFile,
        };
        CommandRunner.SetAction(command, async (result, ct) =>
        {
            var layout = CommonOptions.WorkspaceOf(result);
            var descriptor = ModelRegistry.Get(result.GetValue(model)!);
            var folder = Path.Combine(layout.Models, ModelSpec.FolderName(result.GetValue(name)!, descriptor.Name));
            var isNew = !File.Exists(Path.Combine(folder, ModelSpec.FileName));
            var given = ModelOptions(result, descriptor, preset, resolution, faceType, encoderDims, aeDims, decoderDims, optionsFile);
            if (isNew && given is null && ProgressDisplay.IsInteractiveInput) given = AskOptions(descriptor);
            var sessionOptions = new TrainingSessionOptions
            {
                BatchSize = result.GetValue(batch),
                TargetIteration = result.GetValue(target),
                MaxMinutes = result.GetValue(minutes),
                WritePreviewHistory = result.GetValue(history),
                PreviewHistoryEvery = Math.Max(1, result.GetValue(previewEvery)),
                Device = DeviceSelection.Parse(result.GetValue(device)!),
                Seed = result.GetValue(seed),
                AutosaveMinutes = result.GetValue(autosaveMinutes),
                AutosaveIterations = result.GetValue(autosaveIters),
                Backups = result.GetValue(backups),
                BackupMinutes = result.GetValue(backupMinutes),
            };
            if (sessionOptions.BatchSize is < 1 or > 4096) throw new FaceLabException($"--batch {sessionOptions.BatchSize}: must be between 1 and 4096");
            var source = OpenFaceSet(result.GetValue(src) is { } s ? Path.GetFullPath(s) : layout.SourceAligned);
            var destination = OpenFaceSet(result.GetValue(dst) is { } d ? Path.GetFullPath(d) : layout.DestinationAligned);

            using var session = TrainingSession.Open(layout.Models, descriptor.Name, result.GetValue(name)!, given, source, destination, sessionOptions);
            Console.WriteLine($"train: {session.Spec.ModelType} '{session.Spec.Name}' ({session.Spec.Options.ArchitectureText()}), batch {session.BatchSize}, " +
                $"{source.Count} src and {destination.Count} dst faces, from iteration {session.Iteration}; folder {session.Folder}");
            Console.WriteLine("train: Ctrl+C" + (ProgressDisplay.IsInteractiveInput ? " or Enter" : "") + " saves and stops; preview.jpg and loss.png are updated on every save");
            using var keys = ProgressDisplay.IsInteractiveInput ? WatchKeys(session.Monitor, ct) : null;
            await Task.Run(() => session.Run(Console.Out, ct), CancellationToken.None);
            Console.WriteLine($"train: saved at iteration {session.Iteration} in {session.Folder}");
        });
        return command;
    }

    private static AutoencoderOptions? ModelOptions(
        ParseResult result, ModelDescriptor descriptor, Option<string> preset, Option<int?> resolution, Option<string?> faceType,
        Option<int?> encoderDims, Option<int?> aeDims, Option<int?> decoderDims, Option<FileInfo?> optionsFile)
    {
        var anyGiven = result.GetValue(preset) is not null || result.GetValue(resolution) is not null || result.GetValue(faceType) is not null
            || result.GetValue(encoderDims) is not null || result.GetValue(aeDims) is not null || result.GetValue(decoderDims) is not null
            || result.GetValue(optionsFile) is not null;
        if (!anyGiven) return null;
        var options = result.GetValue(optionsFile) is { } file ? OptionsFromFile(file.FullName) : ModelPresets.Apply(descriptor, result.GetValue(preset) ?? ModelPresets.Default);
        if (result.GetValue(resolution) is { } r)
            options = options with { Resolution = r is >= 32 and <= 640 && r % 16 == 0 ? r : throw new FaceLabException($"--resolution {r}: use a multiple of 16 from 32 to 640") };
        if (result.GetValue(faceType) is { } t)
            options = options with { FaceType = FaceType.TryParse(t, out var parsed) ? parsed : throw new FaceLabException($"--face-type {t}: use half, mid_full, full, whole_face or head") };
        if (result.GetValue(encoderDims) is { } e) options = options with { EncoderDims = Positive(e, "--encoder-dims") };
        if (result.GetValue(aeDims) is { } a) options = options with { AeDims = Positive(a, "--ae-dims"), InterDims = Positive(a, "--ae-dims") };
        if (result.GetValue(decoderDims) is { } d) options = options with { DecoderDims = Positive(d, "--decoder-dims") };
        return options;
    }

    private static AutoencoderOptions OptionsFromFile(string path)
    {
        if (!File.Exists(path)) throw new FaceLabException($"{path}: file not found");
        try
        {
            using var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(path));
            var root = doc.RootElement;
            int Int(string key) => root.GetProperty(key).GetInt32();
            return new AutoencoderOptions
            {
                Resolution = Int("resolution"),
                FaceType = FaceType.Parse(root.GetProperty("face_type").GetString()!),
                EncoderDims = Int("encoder_dims"),
                AeDims = Int("ae_dims"),
                InterDims = Int("inter_dims"),
                InterUpscaleDims = Int("inter_upscale_dims"),
                DecoderDims = Int("decoder_dims"),
            };
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new FaceLabException($"{path}: not a model options file ({e.Message.Split('.')[0]}); expected resolution, face_type, encoder_dims, ae_dims, inter_dims, inter_upscale_dims, decoder_dims", e);
        }
    }

    /// <summary>DeepFaceLab asks a new model's options on the terminal; Enter keeps each default.</summary>
    private static AutoencoderOptions AskOptions(ModelDescriptor descriptor)
    {
        var d = descriptor.Defaults;
        AnsiConsole.MarkupLine($"[bold]New {descriptor.Name} model[/] ({Markup.Escape(descriptor.Summary)}): press Enter to keep a default.");
        var resolution = AnsiConsole.Prompt(new TextPrompt<int>("Resolution").DefaultValue(d.Resolution).Validate(r => r is >= 32 and <= 640 && r % 16 == 0));
        var encoder = AnsiConsole.Prompt(new TextPrompt<int>("Encoder dims").DefaultValue(d.EncoderDims).Validate(v => v > 0));
        var ae = AnsiConsole.Prompt(new TextPrompt<int>("AE dims").DefaultValue(d.AeDims).Validate(v => v > 0));
        var decoder = AnsiConsole.Prompt(new TextPrompt<int>("Decoder dims").DefaultValue(d.DecoderDims).Validate(v => v > 0));
        return d with { Resolution = resolution, EncoderDims = encoder, AeDims = ae, InterDims = ae == d.AeDims ? d.InterDims : ae, DecoderDims = decoder };
    }

    /// <summary>A folder of faces or a packed face set (<c>facelab faces pack</c>).</summary>
    private static IFaceSet OpenFaceSet(string path)
    {
        var set = FaceSet.Open(path);
        foreach (var skipped in set.Skipped.Take(5)) Console.Error.WriteLine($"facelab: warning: {path}: {skipped.Name} skipped ({skipped.Reason})");
        if (set.Skipped.Count > 5) Console.Error.WriteLine($"facelab: warning: {set.Skipped.Count - 5} more faces skipped in {path}");
        return set;
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

    private static int Positive(int value, string option) =>
        value > 0 ? value : throw new FaceLabException(string.Create(CultureInfo.InvariantCulture, $"{option} {value}: must be positive"));
}
