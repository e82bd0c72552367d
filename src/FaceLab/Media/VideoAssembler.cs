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
    public static async Task<VideoAssemblyResult> AssembleAsync(
        string framesFolder, string output, VideoAssemblyOptions options,
        IProgress<OperationProgress>? progress = null, CancellationToken ct = default)
    {
        var frames = FrameSequence.In(framesFolder);
        var (width, height) = frames.RequireUniformSize();
        var reference = options.Reference is null ? null : await VideoProbe.ProbeAsync(options.Reference, ct);
        var rate = options.FrameRate ?? reference?.FrameRate
            ?? throw new FaceLabException($"{framesFolder}: no reference video to take the frame rate from; pass --reference or --fps");
        if (!rate.IsValid) throw new FaceLabException($"--fps {rate}: must be positive");
        var profile = ContainerProfile.For(output);
        var withAudio = reference?.HasAudio == true;

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
            args.AddRange(profile.CopiedAudioArguments());
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
        return new VideoAssemblyResult(output, frames.Count, rate, withAudio);
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
            throw new FaceLabException($"{file}: cannot decode the image (damaged or not an image)");
        var bytes = new byte[expectedBytes];
        using var continuous = image.IsContinuous() ? image : image.Clone();
        if ((long)continuous.Total() * continuous.ElemSize() != expectedBytes)
            throw new FaceLabException($"{file}: frame size differs from the first frame");
        Marshal.Copy(continuous.Data, bytes, 0, expectedBytes);
        return bytes;
    }
}
