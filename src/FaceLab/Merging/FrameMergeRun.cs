using System.Diagnostics;
using FaceLab.Common;
using FaceLab.Imaging;
using FaceLab.Media;
using FaceLab.Provenance;
using FaceLab.Training.Inference;
using OpenCvSharp;

namespace FaceLab.Merging;

/// <summary>
/// DeepFaceLab's step 7: every dst frame merged with its faces replaced, in parallel over frames
/// with the model's inference shared. Each output is written whole under a temporary name and then
/// renamed, and finished frames are journaled, so an interrupted merge resumes where it stopped
/// and gives the same bytes as an uninterrupted one; changed settings or another checkpoint start
/// the journal over. Every merged frame carries the synthetic-media mark.
/// </summary>
public static class FrameMergeRun
{
    /// <param name="modelIdentity">Names the model and checkpoint the predictor runs (e.g. <c>demo_DF#1346</c>): frames merged by another are made again.</param>
    public static async Task<MergeReport> RunAsync(IFacePredictor predictor, string modelIdentity, MergeRequest request,
        IProgress<OperationProgress>? progress = null, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(request.Workers, 1);
        var frames = FrameSequence.In(request.Frames).Files;
        if (frames.Count == 0) throw new FaceLabException(request.Frames, "holds no frames", "extract the dst frames first");
        var names = frames.Select(f => Path.GetFileName(f)).ToList();
        var faces = DestinationFaces.Read(request.Aligned, names);
        foreach (var folder in new[] { request.Output, request.MaskOutput, request.DebugOutput }.OfType<string>())
            AtomicOutput.EnsureWritableFolder(folder, folder);
        var stateFolder = request.Shard?.StateFolderIn(request.Output) ?? request.Output;
        Directory.CreateDirectory(stateFolder);
        using var held = ResourceLock.Acquire(stateFolder, "merge");
        if (request.Shard is null) RemoveLeftovers(request);

        var journal = MergeJournal.Open(stateFolder, request.Session.SettingsHash() + " " + modelIdentity);
        var positions = Positions(request, frames.Count);
        var pending = positions.Where(i => !journal.IsDone(names[i]) || !Finished(request, names[i])).ToList();
        var timed = new TimedPredictor(predictor);
        var mark = request.Session.Mark;
        var done = positions.Count - pending.Count;
        var replaced = 0;
        progress?.Report(new OperationProgress("merge", done, positions.Count));
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = request.Workers, CancellationToken = ct };
        await Parallel.ForEachAsync(pending, parallel, (index, token) =>
        {
            var name = names[index];
            var frameFaces = faces.Of(name);
            MergeFrame(frames, index, frameFaces, new FrameMerger(timed, request.Session.For(name)), request, mark);
            journal.MarkDone(name);
            Interlocked.Add(ref replaced, frameFaces.Count);
            progress?.Report(new OperationProgress("merge", Interlocked.Increment(ref done), positions.Count));
            return ValueTask.CompletedTask;
        });
        return new MergeReport(positions.Count, pending.Count, positions.Count - pending.Count, replaced, timed.Elapsed);
    }

    /// <summary>The zero-based positions of the frames a request merges: its shard's, or its range's.</summary>
    public static List<int> Positions(MergeRequest request, int frameCount)
    {
        if (request.Shard is not { } shard) return [.. request.Range.Positions(frameCount)];
        var (first, last) = shard.PositionsIn(frameCount);
        return [.. Enumerable.Range(first, Math.Max(0, last - first + 1))];
    }

    /// <summary>The merged frame's name: the dst frame's stem with the output format's extension.</summary>
    public static string OutputName(string frameName, MergeOptions options) =>
        Path.GetFileNameWithoutExtension(frameName) + (options.OutputFormat == FrameImageFormat.Png ? ".png" : ".jpg");

    /// <summary>Temporary files a killed run left behind: hidden, never under a final name.</summary>
    private static void RemoveLeftovers(MergeRequest request)
    {
        foreach (var folder in new[] { request.Output, request.MaskOutput, request.DebugOutput }.OfType<string>())
            AtomicOutput.RemoveAbandoned(folder);
    }

    private static bool Finished(MergeRequest request, string name) =>
        File.Exists(Path.Combine(request.Output, OutputName(name, request.Session.For(name))))
        && File.Exists(Path.Combine(request.MaskOutput, Path.GetFileNameWithoutExtension(name) + ".png"));

    private static void MergeFrame(IReadOnlyList<string> frames, int index, IReadOnlyList<FrameFace> faces, FrameMerger merger, MergeRequest request, ProvenanceMark mark)
    {
        var name = Path.GetFileName(frames[index]);
        using var frame = ImageDecoding.Read(frames[index]);
        // A model that reads motion also sees the neighbour frames (only those holding the faces' neighbours are read).
        var temporal = merger.ReadsNeighbourFrames && faces.Count > 0;
        using var previous = temporal && index > 0 && faces.Any(f => f.PreviousLandmarks is not null) ? ImageDecoding.Read(frames[index - 1]) : null;
        using var next = temporal && index + 1 < frames.Count && faces.Any(f => f.NextLandmarks is not null) ? ImageDecoding.Read(frames[index + 1]) : null;
        var merged = merger.Merge(frame, faces, debug: request.DebugOutput is not null, new NeighbourFrames(previous, next));
        using var image = merged.Image;
        using var mask = merged.Mask;
        using var debug = merged.Debug;
        var options = merger.Options;
        var stem = Path.GetFileNameWithoutExtension(name);
        // The mask and the debug picture first: the frame under its final name is what marks the frame done.
        AtomicOutput.WriteAllBytes(Path.Combine(request.MaskOutput, stem + ".png"), Encode(mask, ".png"));
        if (debug is not null && request.DebugOutput is { } debugFolder)
            AtomicOutput.WriteAllBytes(Path.Combine(debugFolder, stem + ".jpg"), Encode(debug, ".jpg"));
        var extension = options.OutputFormat == FrameImageFormat.Png ? ".png" : ".jpg";
        AtomicOutput.WriteAllBytes(Path.Combine(request.Output, OutputName(name, options)), ProvenanceStamp.Apply(Encode(image, extension), mark));
    }

    private static byte[] Encode(Mat image, string extension)
    {
        var parameters = extension == ".jpg" ? new[] { new ImageEncodingParam(ImwriteFlags.JpegQuality, 95) } : [];
        Cv2.ImEncode(extension, image, out var bytes, parameters);
        return bytes;
    }

    /// <summary>Counts the time spent in the model, to report inference apart from blending.</summary>
    private sealed class TimedPredictor(IFacePredictor inner) : IFacePredictor
    {
        private long _ticks;

        public int Resolution => inner.Resolution;

        public Faces.Alignment.FaceType FaceType => inner.FaceType;

        public TimeSpan Elapsed => TimeSpan.FromTicks(Interlocked.Read(ref _ticks));

        public int TemporalFrames => inner.TemporalFrames;

        public IReadOnlyList<FacePrediction> Predict(IReadOnlyList<Mat> faces) => Timed(() => inner.Predict(faces));

        public IReadOnlyList<FacePrediction> Predict(IReadOnlyList<FaceFrames> faces) => Timed(() => inner.Predict(faces));

        private IReadOnlyList<FacePrediction> Timed(Func<IReadOnlyList<FacePrediction>> predict)
        {
            var clock = Stopwatch.StartNew();
            try
            {
                return predict();
            }
            finally
            {
                Interlocked.Add(ref _ticks, clock.Elapsed.Ticks);
            }
        }
    }
}
