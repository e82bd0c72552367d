using System.Globalization;
using System.Runtime.InteropServices;
using FaceLab.Common;
using FaceLab.Provenance;
using OpenCvSharp;

namespace FaceLab.Media;

/// <summary>
/// DeepFaceLab's step 8: numbered frames to a video with the reference video's frame rate and
/// first audio stream, marked as synthetic media in the container tags. Frames are decoded here
/// and piped raw to ffmpeg, so gaps in the numbering and mixed sizes are caught before encoding.
/// </summary>
public static class VideoAssembler
{
    /// <summary>Encodes the frames of <paramref name="framesFolder"/> into <paramref name="output"/>, marked as synthetic media.</summary>
    public static async Task<VideoAssemblyResult> AssembleAsync(
        string framesFolder, string output, VideoAssemblyOptions options,
        IProgress<OperationProgress>? progress = null, CancellationToken ct = default)
    {
        var frames = FrameSequence.In(framesFolder);
        RequireContinuousNumbering(frames);
        var (width, height) = frames.RequireUniformSize();
        var reference = options.Reference is null ? null : await VideoProbe.ProbeAsync(options.Reference, ct);
        var rate = options.FrameRate ?? reference?.FrameRate
            ?? throw new FaceLabException(framesFolder, "no reference video to take the frame rate from", "give a reference video or the frame rate")
            { Remedy = Remedy.ReferenceOrFrameRate };
        if (!rate.IsValid) throw new FaceLabException($"frame rate {rate}", "must be positive", "give a positive frame rate") { Remedy = Remedy.ReferenceOrFrameRate };
        var profile = ContainerProfile.For(output);
        var withAudio = reference?.HasAudio == true;
        var notes = new List<string>();
        if (reference is not null && LengthNote(frames, reference, rate, options) is { } lengthNote) notes.Add(lengthNote);
        var audio = withAudio ? await AssemblyAudio.ForAsync(reference!.Path, profile, ct) : null;
        if (audio?.Note is { } audioNote) notes.Add(audioNote);

        using var target = AtomicOutput.Begin(output, options.Overwrite);
        var args = new List<string>
        {
            "-f", "rawvideo", "-pix_fmt", "bgr24", "-s", $"{width}x{height}", "-framerate", rate.ToString(), "-i", "pipe:0",
        };
        if (withAudio) args.AddRange(["-i", reference!.Path, "-map", "0:v:0", "-map", "1:a:0"]);
        else args.AddRange(["-map", "0:v:0"]);
        args.AddRange(profile.VideoArguments(options.Lossless));
        if (!options.Lossless && (width % 2 == 1 || height % 2 == 1))
            args.AddRange(["-vf", "pad=ceil(iw/2)*2:ceil(ih/2)*2"]); // yuv420p needs even sizes
        if (withAudio)
        {
            args.AddRange(audio!.Arguments);
            // Audio longer than the frames is cut at the last frame; shorter audio just ends.
            args.AddRange(["-t", (frames.Count / rate.Value).ToString("0.######", CultureInfo.InvariantCulture)]);
        }
        args.AddRange(profile.ContainerArguments());
        var mark = ProvenanceMark.Now().ToText();
        foreach (var tag in ProvenanceMark.VideoTags)
            args.AddRange(["-metadata", $"{tag}={mark}"]);
        args.AddRange(["-y", target.TemporaryPath]);

        progress?.Report(new OperationProgress("assemble", 0, frames.Count));
        await FfmpegProcess.RunFfmpegAsync(args, output, null,
            (stdin, token) => WriteFramesAsync(frames, width, height, stdin, progress, token), ct);
        target.Commit();
        return new VideoAssemblyResult(output, frames.Count, rate, withAudio, notes);
    }

    /// <summary>
    /// Frames must be numbered n, n+1, ... with one file per number: a gap is a frame lost by a
    /// failed merge, and a number given twice (<c>5.png</c> and <c>005.png</c>, <c>00005.png</c> and
    /// <c>00005.jpg</c>) makes the order ambiguous. Names the first frame in the wrong.
    /// </summary>
    internal static void RequireContinuousNumbering(FrameSequence frames)
    {
        for (var i = 1; i < frames.Count; i++)
        {
            var previous = FrameSequence.FrameNumber(frames.Files[i - 1])!.Value;
            var number = FrameSequence.FrameNumber(frames.Files[i])!.Value;
            if (number == previous)
                throw new FaceLabException(frames.Files[i], $"frame number {number} is also used by {Path.GetFileName(frames.Files[i - 1])}",
                    "keep one file per frame number");
            if (number != previous + 1)
            {
                var before = frames.Files[i - 1];
                var missing = Missing(Path.GetFileNameWithoutExtension(before), previous + 1) + Path.GetExtension(before);
                throw new FaceLabException(Path.Combine(frames.Folder, missing),
                    number == previous + 2 ? "frame is missing" : $"frame is missing, and so are the {number - previous - 2} after it",
                    $"frames must be numbered without gaps; {Path.GetFileName(before)} is followed by {Path.GetFileName(frames.Files[i])}");
            }
        }
    }

    /// <summary>The name of frame <paramref name="number"/> padded like <paramref name="stem"/>.</summary>
    private static string Missing(string stem, long number) =>
        number.ToString(CultureInfo.InvariantCulture).PadLeft(stem.Length, '0');

    /// <summary>
    /// A frame count that differs from the reference's changes the video's length (or, with the
    /// frame rate given, its speed) against the reference audio: refused unless the frame rate is
    /// given or the change allowed; a note otherwise.
    /// </summary>
    private static string? LengthNote(FrameSequence frames, VideoInfo reference, Rational rate, VideoAssemblyOptions options)
    {
        var expected = reference.EstimatedFrameCount;
        // A count estimated from the duration can be one off by rounding; a stated count is exact.
        var tolerance = reference.FrameCount is null ? 1 : 0;
        if (Math.Abs(frames.Count - expected) <= tolerance) return null;
        var seconds = (frames.Count / rate.Value).ToString("0.##", CultureInfo.InvariantCulture);
        var referenceSeconds = reference.Duration.TotalSeconds.ToString("0.##", CultureInfo.InvariantCulture);
        var problem = $"has {frames.Count} frames but the reference {Path.GetFileName(reference.Path)} has {expected}";
        if (options.FrameRate is null && !options.AllowLengthChange)
            throw new FaceLabException(frames.Folder, $"{problem}; the video would last {seconds} s instead of {referenceSeconds} s",
                "give the frame rate or allow the length change")
            { Remedy = Remedy.FrameRateOrLengthChange };
        return $"{frames.Folder}: {problem}; the video lasts {seconds} s (reference {referenceSeconds} s)";
    }

    private static async Task WriteFramesAsync(
        FrameSequence frames, int width, int height, Stream stdin, IProgress<OperationProgress>? progress, CancellationToken ct)
    {
        var frameBytes = width * height * 3;
        var done = 0;
        // Decode the next frame while the previous one is being written to ffmpeg.
        var next = Task.Run(() => Decode(frames.Files[0], frameBytes), ct);
        for (var i = 0; i < frames.Count; i++)
        {
            var current = await next;
            if (i + 1 < frames.Count)
            {
                var file = frames.Files[i + 1];
                next = Task.Run(() => Decode(file, frameBytes), ct);
            }
            await stdin.WriteAsync(current, ct);
            progress?.Report(new OperationProgress("assemble", ++done, frames.Count));
        }
    }

    private static byte[] Decode(string file, int expectedBytes)
    {
        using var image = Cv2.ImRead(file, ImreadModes.Color);
        if (image.Empty())
            throw new FaceLabException(file, "cannot decode the image: damaged or not an image", "replace or remove the frame");
        var bytes = new byte[expectedBytes];
        using var continuous = image.IsContinuous() ? image : image.Clone();
        if ((long)continuous.Total() * continuous.ElemSize() != expectedBytes)
            throw new FaceLabException(file, "frame size differs from the first frame", "give frames of one size");
        Marshal.Copy(continuous.Data, bytes, 0, expectedBytes);
        return bytes;
    }
}
