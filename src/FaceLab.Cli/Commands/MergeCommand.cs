using System.CommandLine;
using FaceLab.Cli.Rendering;
using FaceLab.Common;
using FaceLab.Farm;
using FaceLab.Imaging.ColorTransfer;
using FaceLab.Media;
using FaceLab.Merging;
using FaceLab.Training.Inference;
using FaceLab.Training.Sessions;
using Spectre.Console;

namespace FaceLab.Cli.Commands;

/// <summary><c>facelab merge</c>: DeepFaceLab's step 7, the trained faces put back into every dst frame.</summary>
internal static class MergeCommand
{
    public static Command Create(CliConsole console)
    {
        var model = new Option<string?>("--model") { Description = "The model: its folder name (demo_DF) or name (demo); default: the only model of the workspace" };
        var mode = new Option<string?>("--mode") { Description = "Blend: " + string.Join(", ", MergeNames.Modes.Names) + " (default seamless)" };
        mode.AcceptOnlyFromAmong([.. MergeNames.Modes.Names]);
        var mask = new Option<string?>("--mask-mode") { Description = "Mask: " + string.Join(", ", MergeNames.Masks.Names) + " (default dst)" };
        mask.AcceptOnlyFromAmong([.. MergeNames.Masks.Names]);
        var erode = new Option<int?>("--erode") { Description = "Shrink (positive) or grow (negative) the mask, -400..400, relative to the face size (default 0)" };
        var blur = new Option<int?>("--blur") { Description = "Soften the mask edge, 0..400, relative to the face size (default 0)" };
        var color = new Option<string?>("--color-transfer") { Description = "Colour of the face towards dst: " + string.Join(", ", ColorTransfers.Names) + " (default none)" };
        color.AcceptOnlyFromAmong([.. ColorTransfers.Names]);
        var maskedHist = new Option<bool?>("--masked-hist-match") { Description = "Histogram matching inside the mask only (default true)" };
        var histThreshold = new Option<int?>("--hist-match-threshold") { Description = "Histogram matching threshold 0..255 (default 255)" };
        var faceScale = new Option<int?>("--face-scale") { Description = "Grow or shrink the pasted face, -50..50 (default 0)" };
        var sharpenMode = new Option<string?>("--sharpen-mode") { Description = "none, box or gaussian (default none)" };
        sharpenMode.AcceptOnlyFromAmong([.. MergeNames.Sharpening.Names]);
        var sharpen = new Option<int?>("--sharpen") { Description = "Sharpen (positive) or blur (negative) the face, -100..100 (default 0)" };
        var motionBlur = new Option<int?>("--motion-blur") { Description = "Blur the face along its movement, 0..100 (default 0)" };
        var denoise = new Option<int?>("--denoise") { Description = "Denoise the predicted face, 0..500 (default 0)" };
        var format = new Option<string?>("--format") { Description = "Merged frames as png or jpg (default png)" };
        format.AcceptOnlyFromAmong("png", "jpg");
        var frames = new Option<string?>("--frames") { Description = "Only these frames, counted from 1: FIRST-LAST, FIRST- or N" };
        var debug = new Option<bool>("--debug") { Description = "Also write data_dst/merged_debug/: dst face, prediction, mask and result per frame" };
        var workers = new Option<int>("--workers") { Description = "Frames merged at once", DefaultValueFactory = _ => Environment.ProcessorCount };
        var shard = new Option<string?>("--shard") { Description = "Only shard I of N (from 0) of the planned merge (facelab farm plan merge), with its settings; auto/N takes I from SLURM_ARRAY_TASK_ID, JOB_COMPLETION_INDEX or SGE_TASK_ID" };
        var command = new Command("merge", "Put the trained faces back into every dst frame: data_dst/merged/ and merged_mask/ (settings kept in the model folder; reruns resume)")
        {
            model, mode, mask, erode, blur, color, maskedHist, histThreshold, faceScale, sharpenMode, sharpen, motionBlur, denoise, format, frames, debug, workers, shard,
        };
        CommandRunner.SetAction(console, command, async (result, ct) =>
        {
            if (result.GetValue(shard) is { } part)
            {
                // The plan fixes model, settings and frames: a shard takes nothing else from its command line.
                var given = command.Options.FirstOrDefault(o => o != shard && o != workers && result.GetResult(o) is { Implicit: false });
                if (given is not null) throw new FaceLabException(given.Name, "cannot be combined with --shard", "the plan fixes the model and the settings; plan again to change them");
                await FarmCommands.RunShardAsync(console, result, FarmStage.Merge, part, result.GetValue(workers), ct);
                return;
            }
            var layout = CommonOptions.WorkspaceOf(result);
            var folder = ModelFolder.Find(layout.Models, result.GetValue(model));
            var saved = MergeSession.Load(folder.Folder);
            var changes = new MergeOptionChanges
            {
                Mode = result.GetValue(mode) is { } m ? MergeNames.Modes.Get(m) : null,
                MaskMode = result.GetValue(mask) is { } k ? MergeNames.Masks.Get(k) : null,
                Erode = result.GetValue(erode),
                Blur = result.GetValue(blur),
                ColorTransfer = result.GetValue(color),
                MaskedHistMatch = result.GetValue(maskedHist),
                HistMatchThreshold = result.GetValue(histThreshold),
                FaceScale = result.GetValue(faceScale),
                Sharpen = result.GetValue(sharpenMode) is { } s ? MergeNames.Sharpening.Get(s) : null,
                SharpenAmount = result.GetValue(sharpen),
                MotionBlurPower = result.GetValue(motionBlur),
                DenoisePower = result.GetValue(denoise),
                OutputFormat = result.GetValue(format) is { } f ? (f == "jpg" ? FrameImageFormat.Jpg : FrameImageFormat.Png) : null,
            };
            var options = changes.ApplyTo(saved?.Options ?? MergeOptions.Default);
            if (!changes.ChangesBlend && console.IsInteractiveInput) options = Ask(console, options);
            var session = (saved ?? MergeSession.New(options)).WithOptions(options);
            session.Save(folder.Folder);

            using var trained = TrainedModel.Open(folder.Folder);
            console.Line($"merge: {Path.GetFileName(folder.Folder)} at iteration {trained.Iteration} ({trained.Resolution} px {trained.FaceType}); {session.Options.Describe()}");
            var request = MergeRequest.In(layout, session, result.GetValue(debug)) with
            {
                Range = result.GetValue(frames) is { } r ? FrameRange.Parse(r) : FrameRange.All,
                Workers = result.GetValue(workers),
            };
            var report = await ProgressDisplay.RunAsync(console, p => FrameMergeRun.RunAsync(new ModelFacePredictor(trained), trained.Identity, request, p, ct));
            console.Line($"merge: {report.Merged} frames merged" + (report.Kept > 0 ? $", {report.Kept} kept from the earlier run" : "")
                + $", {report.FacesReplaced} faces replaced, into {layout.Merged}");
        }, keptWhenStopped: "merged frames are kept; run merge again to continue");
        return command;
    }

    /// <summary>DeepFaceLab asks the merge settings on the terminal; Enter keeps each one.</summary>
    private static MergeOptions Ask(CliConsole console, MergeOptions current)
    {
        console.Out.MarkupLine("[bold]Merge settings[/]: press Enter to keep each one.");
        var mode = console.Out.Prompt(new TextPrompt<string>("Mode").DefaultValue(MergeNames.NameOf(MergeNames.Modes, current.Mode)).AddChoices(MergeNames.Modes.Names));
        var mask = console.Out.Prompt(new TextPrompt<string>("Mask mode").DefaultValue(MergeNames.NameOf(MergeNames.Masks, current.MaskMode)).AddChoices(MergeNames.Masks.Names));
        var erode = console.Out.Prompt(new TextPrompt<int>("Erode (-400..400)").DefaultValue(current.Erode).Validate(v => v is >= -400 and <= 400));
        var blur = console.Out.Prompt(new TextPrompt<int>("Blur (0..400)").DefaultValue(current.Blur).Validate(v => v is >= 0 and <= 400));
        var color = console.Out.Prompt(new TextPrompt<string>("Colour transfer").DefaultValue(current.ColorTransfer).AddChoices(ColorTransfers.Names));
        return current with
        {
            Mode = MergeNames.Modes.Get(mode),
            MaskMode = MergeNames.Masks.Get(mask),
            Erode = erode,
            Blur = blur,
            ColorTransfer = color,
        };
    }
}
