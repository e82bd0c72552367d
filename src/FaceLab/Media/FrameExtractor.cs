using System.Globalization;
using FaceLab.Common;

namespace FaceLab.Media;

/// <summary>
/// DeepFaceLab's steps 2 and 3.2: decodes a video into numbered frames (<c>00001.png</c>, ...).
/// Frames are written into a hidden staging folder and moved into place only when the whole
/// video decoded, so an interrupted or failed run leaves the output folder as it was (a run killed
/// while moving them is undone by the next).
/// </summary>
public static class FrameExtractor
{
    internal const string StagingFolderName = ".extract.partial";

    /// <summary>In the staging folder while its frames are being moved into place.</summary>
    private const string PublishingMarker = ".publishing";

    /// <summary>Extracts numbered frames of <paramref name="input"/> into <paramref name="outputFolder"/>, all at once: an interrupted run leaves none.</summary>
    public static async Task<FrameExtractionResult> ExtractAsync(
        string input, string outputFolder, FrameExtractionOptions options,
        IProgress<OperationProgress>? progress = null, CancellationToken ct = default)
    {
        if (options.Fps is <= 0)
            throw new FaceLabException($"frame rate {options.Fps}", "not a positive number", "give a positive frame rate, or none for every frame");
        var info = await VideoProbe.ProbeAsync(input, ct);
        var capped = CapToSourceRate(options, info);
        options = capped.Options;

        var existing = FrameSequence.In(outputFolder);
        if (existing.Count > 0 && !options.Overwrite && !Directory.Exists(Path.Combine(outputFolder, StagingFolderName)))
            throw new FaceLabException(outputFolder, $"already holds {existing.Count} frames", "allow overwriting to replace them, or clear the workspace")
            { Remedy = Remedy.Overwrite };
        AtomicOutput.EnsureWritableFolder(outputFolder, outputFolder);
        using var folderLock = ResourceLock.Acquire(outputFolder, "video extract");

        var stagingRoot = Path.Combine(outputFolder, StagingFolderName);
        var rolledBack = RollBackInterruptedPublish(outputFolder, stagingRoot);
        existing = FrameSequence.In(outputFolder);
        if (existing.Count > 0 && !options.Overwrite)
            throw new FaceLabException(outputFolder, $"already holds {existing.Count} frames", "allow overwriting to replace them, or clear the workspace")
            { Remedy = Remedy.Overwrite };
        // Each run stages in a folder of its own: the ffmpeg of a killed run may go on writing into its
        // folder for a moment, and must never write into this run's.
        RemoveAbandonedRuns(stagingRoot);
        var staging = Path.Combine(stagingRoot, $"{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(staging);
        try
        {
            long expected = options.Fps is { } fps
                ? (long)Math.Ceiling(info.Duration.TotalSeconds * fps)
                : info.EstimatedFrameCount;
            progress?.Report(new OperationProgress("extract", 0, expected));
            var pattern = Path.Combine(staging, "%05d" + options.Format.Extension());
            var stderr = await FfmpegProcess.RunFfmpegAsync(
                BuildArguments(input, pattern, options), input,
                n => progress?.Report(new OperationProgress("extract", n, Math.Max(n, expected))), null, ct);

            var produced = FrameSequence.In(staging);
            var warnings = CheckDecode(input, info, options, produced.Count, stderr);
            if (capped.Notice is not null) warnings.Insert(0, capped.Notice);
            if (rolledBack > 0)
                warnings.Insert(0, $"{rolledBack} frames of an interrupted extraction were removed and extracted again");
            Publish(produced, staging, outputFolder, existing, options.Overwrite);
            progress?.Report(new OperationProgress("extract", produced.Count, produced.Count));
            return new FrameExtractionResult(outputFolder, produced.Count, info, warnings);
        }
        finally
        {
            if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
            RemoveAbandonedRuns(stagingRoot);
        }
    }

    /// <summary>
    /// Removes what killed runs staged (the folder lock says none is running), then the staging folder
    /// once empty. A killed run's ffmpeg may still be writing for a moment: what it holds is left for the next run.
    /// </summary>
    private static void RemoveAbandonedRuns(string stagingRoot)
    {
        if (!Directory.Exists(stagingRoot)) return;
        foreach (var run in Directory.EnumerateDirectories(stagingRoot).ToList())
        {
            try { Directory.Delete(run, recursive: true); }
            catch (IOException) { }
        }
        try { Directory.Delete(stagingRoot); }
        catch (IOException) { }
    }

    /// <summary>
    /// A rate above the video's cannot add pictures, only copies of them: it is capped to every
    /// frame once, with a notice (a 7-s clip at 1000 fps would otherwise give 7,000 files).
    /// </summary>
    private static (FrameExtractionOptions Options, string? Notice) CapToSourceRate(FrameExtractionOptions options, VideoInfo info)
    {
        if (options.Fps is not { } fps || info.FrameRate.Value <= 0 || fps < info.FrameRate.Value * (1 - 1e-9)) return (options, null);
        var notice = string.Create(CultureInfo.InvariantCulture,
            $"{fps:0.###} frames per second asked, the video has {info.FrameRate.Value:0.###}; kept every frame once instead");
        return (options with { Fps = null }, fps > info.FrameRate.Value * (1 + 1e-9) ? notice : null);
    }

    private static List<string> BuildArguments(string input, string pattern, FrameExtractionOptions options)
    {
        var args = new List<string> { "-i", input, "-map", "0:v:0", "-an", "-sn", "-dn" };
        if (options.Fps is { } fps)
            args.AddRange(["-vf", "fps=" + fps.ToString(CultureInfo.InvariantCulture)]);
        else
            args.AddRange(["-fps_mode", "passthrough"]); // every decoded frame exactly once, also for variable frame rate
        args.AddRange(options.Format == FrameImageFormat.Png
            ? ["-pix_fmt", "rgb24"]
            : ["-pix_fmt", "yuvj444p", "-q:v", "2"]);
        args.AddRange(["-start_number", "1", "-y", pattern]);
        return args;
    }

    /// <summary>
    /// ffmpeg exits 0 on a truncated file after decoding what it could; a run that reported
    /// decode errors and came up short of the container's frame count is a corrupt input.
    /// </summary>
    private static List<string> CheckDecode(string input, VideoInfo info, FrameExtractionOptions options, int produced, string stderr)
    {
        var errors = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (produced == 0)
            throw new FaceLabException(input, $"no frames could be decoded{(errors.Length > 0 ? $": {errors[^1]}" : "")}", "check that the video plays; it may be damaged");
        var truncated = errors.Any(e => e.Contains("partial file", StringComparison.OrdinalIgnoreCase));
        var shortOfCount = options.Fps is null && info.FrameCount is { } n && produced < n - 1;
        if (errors.Length > 0 && (truncated || shortOfCount))
            throw new FaceLabException(input,
                $"truncated or corrupt video: decoded {produced} of {info.FrameCount?.ToString(CultureInfo.InvariantCulture) ?? "?"} frames; ffmpeg: {errors[^1]}",
                "use an intact copy of the video, or cut out the damaged part");
        return errors.Distinct().Take(5).ToList();
    }

    /// <summary>
    /// The marker is durable before the first old frame goes or new one arrives: while it exists, every
    /// frame in the output folder is one the publish brought or was asked to replace.
    /// </summary>
    private static void Publish(FrameSequence produced, string staging, string outputFolder, FrameSequence existing, bool overwrite)
    {
        AtomicOutput.WriteAllBytes(Path.Combine(staging, PublishingMarker), []);
        if (overwrite)
            foreach (var old in existing.Files) File.Delete(old);
        AtomicOutput.Publish([.. produced.Files.Select(f => (f, Path.Combine(outputFolder, Path.GetFileName(f))))]);
    }

    /// <summary>
    /// A run killed while moving its frames into place left some new frames (and perhaps some old ones
    /// it was replacing) beside its staging folder: they are removed, so the run starts again from an
    /// empty folder instead of mixing two extractions. Returns how many frames went.
    /// </summary>
    private static int RollBackInterruptedPublish(string outputFolder, string stagingRoot)
    {
        if (!Directory.Exists(stagingRoot)) return 0;
        var interrupted = Directory.EnumerateDirectories(stagingRoot).Where(run => File.Exists(Path.Combine(run, PublishingMarker))).ToList();
        if (interrupted.Count == 0) return 0;
        var frames = FrameSequence.In(outputFolder).Files;
        foreach (var frame in frames) File.Delete(frame);
        foreach (var run in interrupted) Directory.Delete(run, recursive: true);
        return frames.Count;
    }
}
