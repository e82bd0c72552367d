using System.CommandLine;
using System.Globalization;
using FaceLab.Cli.Rendering;
using FaceLab.Common;
using FaceLab.Media;

namespace FaceLab.Cli.Commands;

/// <summary><c>facelab video extract|cut|assemble</c>: DeepFaceLab's steps 2, 3.1, 3.2 and 8.</summary>
internal static class VideoCommands
{
    public static Command Create(CliConsole console)
    {
        var video = new Command("video", "Split videos into frames, cut them, and assemble frames back into video");
        video.Subcommands.Add(Extract(console));
        video.Subcommands.Add(Cut(console));
        video.Subcommands.Add(Assemble(console));
        return video;
    }

    private static Command Extract(CliConsole console)
    {
        var input = new Argument<FileInfo>("INPUT") { Description = "Video file (data_src.* or data_dst.* pick the output folder)" };
        var fps = new Option<string>("--fps") { Description = "Frames per second to keep: 1, 5, 10, any number, or full (every frame)", DefaultValueFactory = _ => "full" };
        var format = CommonOptions.Choice("--format", "Frame image format: png (lossless) or jpg", FrameImageFormat.Png);
        var output = new Option<DirectoryInfo?>("--out") { Description = "Output folder (default: data_src/ or data_dst/ of the workspace, by the input's name)" };
        var overwrite = CommonOptions.Overwrite("frames");
        var command = new Command("extract", "Extract numbered frames (00001.png, ...) from a video") { input, fps, format, output, overwrite };
        CommandRunner.SetAction(console, command, async (result, ct) =>
        {
            var source = result.GetValue(input)!.FullName;
            VideoProbe.RequireFile(source);
            var folder = result.GetValue(output)?.FullName
                ?? CommonOptions.WorkspaceOf(result).FramesFolderFor(source)
                ?? throw new FaceLabException(source, "is neither data_src nor data_dst, so its frames have no folder", "name it data_src.* or data_dst.*, or pass --out DIR");
            var options = new FrameExtractionOptions
            {
                Fps = ParseFps(result.GetValue(fps)!),
                Format = result.GetValue(format) ?? FrameImageFormat.Png,
                Overwrite = result.GetValue(overwrite),
            };
            var done = await ProgressDisplay.RunAsync(console, p => FrameExtractor.ExtractAsync(source, folder, options, p, ct));
            foreach (var warning in done.Warnings) console.Warning($"{source}: {warning}");
            console.Line($"extract: {done.FrameCount} frames ({done.Source.Width}x{done.Source.Height}) in {done.OutputFolder}");
        });
        return command;
    }

    private static Command Cut(CliConsole console)
    {
        var input = new Argument<FileInfo>("INPUT") { Description = "Video file to cut (kept as it is)" };
        var start = new Option<string>("--start") { Description = "Start time, HH:MM:SS[.fraction] or seconds", Required = true };
        var duration = new Option<string>("--duration") { Description = "Length, HH:MM:SS[.fraction] or seconds", Required = true };
        var output = new Option<FileInfo?>("--out") { Description = "Output file (default: INPUT_cut.EXT beside the input)" };
        var overwrite = CommonOptions.Overwrite("an output file");
        var command = new Command("cut", "Re-encode a time range of a video, with its audio, into a new file") { input, start, duration, output, overwrite };
        CommandRunner.SetAction(console, command, async (result, ct) =>
        {
            var source = result.GetValue(input)!.FullName;
            var target = result.GetValue(output)?.FullName ?? VideoCutter.DefaultOutput(source);
            var from = Timecode.Parse(result.GetValue(start)!, "--start");
            var length = Timecode.Parse(result.GetValue(duration)!, "--duration");
            var info = await ProgressDisplay.RunAsync(console, p => VideoCutter.CutAsync(source, from, length, target, result.GetValue(overwrite), p, ct));
            console.Line($"cut: {target} ({info.Duration.TotalSeconds:0.00} s, {(info.HasAudio ? "with audio" : "no audio")})");
        });
        return command;
    }

    private static Command Assemble(CliConsole console)
    {
        var frames = new Option<DirectoryInfo?>("--frames") { Description = "Folder of numbered frames (default: data_dst/merged/ of the workspace)" };
        var reference = new Option<FileInfo?>("--reference") { Description = "Video whose frame rate and first audio stream are used (default: the workspace's data_dst.*)" };
        var format = new Option<string>("--format") { Description = "Container: mp4 or avi", DefaultValueFactory = _ => "mp4" };
        format.AcceptOnlyFromAmong("mp4", "avi");
        var lossless = new Option<bool>("--lossless") { Description = "Bit-exact RGB h264 instead of h264 yuv420p (larger; not every player plays it)" };
        var fps = new Option<string?>("--fps") { Description = "Frame rate (e.g. 25 or 30000/1001) instead of the reference's" };
        var allowLengthChange = new Option<bool>("--allow-length-change") { Description = "Accept a frame count that differs from the reference's (the video gets shorter or longer than its audio)" };
        var output = new Option<FileInfo?>("--out") { Description = "Output video (default: result.mp4 / result.avi in the workspace)" };
        var overwrite = CommonOptions.Overwrite("an output file");
        var command = new Command("assemble", "Build a video from frames with the reference's frame rate and audio, marked as synthetic media")
        {
            frames, reference, format, lossless, fps, allowLengthChange, output, overwrite,
        };
        CommandRunner.SetAction(console, command, async (result, ct) =>
        {
            var layout = CommonOptions.WorkspaceOf(result);
            var ext = "." + result.GetValue(format);
            var target = result.GetValue(output)?.FullName ?? Path.Combine(layout.Root, "result" + ext);
            if (result.GetResult(format) is { Implicit: false } && !target.EndsWith(ext, StringComparison.OrdinalIgnoreCase))
                throw new FaceLabException(target, $"does not match --format {ext[1..]}", $"name it *{ext}, or drop --format");
            var options = new VideoAssemblyOptions
            {
                Reference = result.GetValue(reference)?.FullName ?? layout.DestinationVideo,
                FrameRate = result.GetValue(fps) is { } rate ? ParseRate(rate) : null,
                Lossless = result.GetValue(lossless),
                AllowLengthChange = result.GetValue(allowLengthChange),
                Overwrite = result.GetValue(overwrite),
            };
            var folder = result.GetValue(frames)?.FullName ?? layout.Merged;
            var done = await ProgressDisplay.RunAsync(console, p => VideoAssembler.AssembleAsync(folder, target, options, p, ct));
            foreach (var note in done.Notes) console.Line($"assemble: {note}");
            console.Line($"assemble: {done.Output} ({done.FrameCount} frames at {done.FrameRate.Value:0.###} fps, " +
                $"{(done.HasAudio ? "audio from " + Path.GetFileName(options.Reference) : "no audio")}; marked as synthetic media)");
        });
        return command;
    }

    internal static double? ParseFps(string text)
    {
        if (text.Equals("full", StringComparison.OrdinalIgnoreCase)) return null;
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v > 0
            ? v
            : throw new FaceLabException($"--fps {text}", "not a positive number", "use a positive number (1, 5, 10, ...) or full");
    }

    private static Rational ParseRate(string text)
    {
        try
        {
            var rate = Rational.Parse(text);
            if (rate.IsValid) return rate;
        }
        catch (FormatException) { }
        throw new FaceLabException($"--fps {text}", "not a positive number", "use a positive number such as 25 or 30000/1001");
    }
}
