using System.Collections.Concurrent;
using System.Diagnostics;
using FaceLab.Assets;
using FaceLab.Common;
using FaceLab.Faces.Landmarks;
using FaceLab.Imaging;
using FaceLab.Media;
using FaceLab.Merging;
using FaceLab.Training.Inference;

namespace FaceLab.Evaluation;

/// <summary>
/// Measures a merged result (docs/evaluate.md): every dst face that has a merged frame, in its
/// original and merged frame, in parallel over frames; identity against the src faces; frame-to-frame
/// change between consecutive frames; and, with a model, its dst reconstructions. Reads only; the
/// caller saves the report.
/// </summary>
public static class SwapEvaluation
{
    /// <summary>Measures the merged frames of <paramref name="request"/>; reads only, the caller saves the report.</summary>
    public static async Task<EvaluationReport> RunAsync(EvaluationRequest request, IProgress<OperationProgress>? progress = null, CancellationToken ct = default)
    {
        var options = request.Options.Validate();
        var clock = Stopwatch.StartNew();
        var frames = FrameSequence.In(request.DestinationFrames).Files;
        if (frames.Count == 0) throw new FaceLabException(request.DestinationFrames, "holds no dst frames", "extract the dst frames first");
        var names = frames.Select(f => Path.GetFileName(f)).ToList();
        var faces = DestinationFaces.Read(request.DestinationAligned, names);
        var merged = MergedByStem(request.MergedFrames);
        var available = Enumerable.Range(0, frames.Count)
            .Where(i => faces.Of(names[i]).Count > 0 && merged.ContainsKey(Path.GetFileNameWithoutExtension(names[i])))
            .ToList();
        var work = FrameSample.Runs(available, options.MaxFrames, options.RunLength);
        if (available.Count == 0)
            throw new FaceLabException(request.MergedFrames, "holds no merged frame of a dst frame with a face", "merge first, or give the folder of the merged frames");

        AssetStore.Default.Require(AssetCatalog.FaceApiRecognition);
        var net = FaceRecognitionNet.LoadShared(AssetStore.Default.Require(AssetCatalog.FaceApiRecognitionManifest));
        var (source, sourceFaces) = SourceIdentity.Measure(request.SourceAligned, options.SourceFaces, net, progress, ct);

        var measured = new ConcurrentBag<FaceMeasurement>();
        var landmarkers = new ConcurrentBag<ILandmarker>();
        try
        {
            var done = 0;
            progress?.Report(new OperationProgress("evaluate", 0, work.Count));
            await Parallel.ForEachAsync(work, new ParallelOptions { MaxDegreeOfParallelism = options.Workers, CancellationToken = ct }, (index, _) =>
            {
                var landmarker = landmarkers.TryTake(out var free) ? free : FaceLandmarkers.Default.Create();
                try
                {
                    using var original = ImageDecoding.Read(frames[index]);
                    var mergedPath = merged[Path.GetFileNameWithoutExtension(names[index])];
                    using var result = ImageDecoding.Read(mergedPath);
                    if (result.Size() != original.Size())
                        throw new FaceLabException(mergedPath, $"is {result.Width}×{result.Height} but its dst frame is {original.Width}×{original.Height}",
                            "merge again from these dst frames");
                    foreach (var face in faces.Of(names[index]))
                        measured.Add(FaceMeasurement.Take(index, face, original, result, net, landmarker));
                }
                finally
                {
                    landmarkers.Add(landmarker);
                }
                progress?.Report(new OperationProgress("evaluate", Interlocked.Increment(ref done), work.Count));
                return ValueTask.CompletedTask;
            });

            var all = measured.OrderBy(m => m.Frame).ToList();
            var reconstruction = request.ModelFolder is { } folder ? Reconstruct(folder, frames, names, faces, options, progress, ct) : default;
            return new EvaluationReport
            {
                EvaluatedAt = DateTimeOffset.UtcNow,
                Model = request.ModelFolder is { } f ? Path.GetFileName(Path.GetFullPath(f).TrimEnd(Path.DirectorySeparatorChar)) : null,
                Iteration = reconstruction.Iteration,
                MergedFrames = Path.GetFullPath(request.MergedFrames),
                DestinationFrames = Path.GetFullPath(request.DestinationFrames),
                Frames = work.Count,
                FramesAvailable = available.Count,
                Faces = all.Count,
                Identity = Identity(all, source, sourceFaces),
                PoseError = PoseDifference.Average([.. all.Select(m => m.Pose)]),
                ExpressionError = all.Average(m => m.Expression),
                Reconstruction = reconstruction.Figures,
                SharpnessRatio = Ratio(all.Sum(m => m.SwappedSharpness), all.Sum(m => m.OriginalSharpness)),
                FlickerRatio = Flicker(all),
                Seconds = clock.Elapsed.TotalSeconds,
            };
        }
        finally
        {
            foreach (var m in measured) m.Dispose();
            foreach (var l in landmarkers) l.Dispose();
        }
    }

    /// <summary>The merged frames by file stem (a merge may write png or jpg for a png dst frame).</summary>
    private static Dictionary<string, string> MergedByStem(string folder)
    {
        if (!Directory.Exists(folder)) throw new FaceLabException(folder, "does not exist", "merge first, or give the folder of the merged frames");
        var byStem = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in ImageFiles.In(folder)) byStem.TryAdd(Path.GetFileNameWithoutExtension(file), file);
        return byStem;
    }

    private static IdentityFigures Identity(List<FaceMeasurement> all, FaceDescriptor source, int sourceFaces)
    {
        var destination = FaceDescriptor.Mean([.. all.Select(m => m.Original)]);
        var toSource = all.Select(m => m.Swapped.DistanceTo(source)).ToList();
        var toDestination = all.Select(m => m.Swapped.DistanceTo(destination)).ToList();
        return new IdentityFigures(
            sourceFaces,
            toSource.Average(),
            toDestination.Average(),
            toSource.Zip(toDestination).Count(d => d.First < d.Second) / (double)all.Count,
            all.Average(m => m.Original.DistanceTo(source)),
            toSource.Count(d => d < FaceDescriptor.SamePersonThreshold) / (double)all.Count);
    }

    /// <summary>Total change of the swapped faces between consecutive frames over the originals'; each face paired with the nearest face of the frame before.</summary>
    private static double? Flicker(List<FaceMeasurement> all)
    {
        var byFrame = all.ToLookup(m => m.Frame);
        double swapped = 0, original = 0;
        var pairs = 0;
        foreach (var m in all)
        {
            var previous = byFrame[m.Frame - 1].MinBy(p => p.Centre.DistanceTo(m.Centre));
            if (previous is null) continue;
            swapped += FrameChange.Between(previous.SwappedGray, m.SwappedGray, m.Mask);
            original += FrameChange.Between(previous.OriginalGray, m.OriginalGray, m.Mask);
            pairs++;
        }
        return pairs == 0 ? null : Ratio(swapped, original);
    }

    /// <summary>swapped / original; 1 when both are 0 (a flat, still face unchanged by the swap).</summary>
    private static double Ratio(double swapped, double original) => original > 0 ? swapped / original : swapped > 0 ? double.MaxValue : 1;

    private static (ReconstructionFigures? Figures, long? Iteration) Reconstruct(string folder, IReadOnlyList<string> frames, List<string> names,
        DestinationFaces faces, EvaluationOptions options, IProgress<OperationProgress>? progress, CancellationToken ct)
    {
        using var model = TrainedModel.Open(folder);
        var all = Enumerable.Range(0, frames.Count).SelectMany(i => faces.Of(names[i]).Select(face => (frames[i], face))).ToList();
        return (ReconstructionMeasure.Measure(model, all, options.ReconstructionFaces, progress, ct), model.Iteration);
    }
}
