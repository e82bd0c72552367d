using System.Diagnostics;
using System.Globalization;
using FaceLab.Assets;
using FaceLab.Faces.Alignment;
using FaceLab.Faces.Extraction;
using FaceLab.Faces.Files;
using FaceLab.FaceSets;
using FaceLab.FaceSets.Features;
using FaceLab.FaceSets.Packing;
using FaceLab.FaceSets.Sorting;
using FaceLab.Media;
using OpenCvSharp;

namespace FaceLab.Bench;

/// <summary>
/// Seconds of <c>faces sort</c> per method on N faces, of packing, and of the histogram orderings
/// alone on M faces. The set: every face of the demo dst video and of the demo src video at
/// 2 frames/s (default extraction, 256 px), then variants of them up to N (gain 0.8–1.2 and offset ±10,
/// a slight blur on 30 %, a mirror with mirrored landmarks on 50 %, each as if from its own frame,
/// every file with its own bytes), under shuffled names. Each row is one
/// <see cref="FaceSetSorter"/> call (features, ordering, journal, renames) with one worker per core,
/// timed once: first <c>blur</c> with no feature cache, then every method with the cache (keyed by
/// the files' content, so earlier renames keep it valid), <c>best</c> with a count of N/5; trashed
/// faces are restored between rows. The features column is a separate scan that hashes every file
/// and reads the cache. Then pack, unpack, and opening the pack and reading every face. Histogram
/// orderings: the set's histograms repeated with ±10 % noise to M/2 and M faces, the
/// nearest-neighbour chain (hist, hist-blur) and the summed distances (hist-dissim) each timed once
/// on 1 thread and on all cores; distances/s = n(n−1)/2 over the all-core time. Arguments:
/// [N=5000] [M=10000].
/// </summary>
public sealed class FaceSetSortBench : IBenchmark
{
    public string Name => "faceset-sort";

    public string Description => "seconds to sort 5,000 faces per method (cold and cached features); hist orderings on 10,000 faces; pack/unpack";

    public async Task RunAsync(string[] args, TextWriter report, CancellationToken ct)
    {
        var faceCount = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 5000;
        var histCount = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10000;
        var workers = Environment.ProcessorCount;
        var scratch = BenchPaths.Scratch("faceset-sort");
        try
        {
            var aligned = Path.Combine(scratch, "aligned");
            var real = await RealFaces(scratch, ct);
            MakeSet(real, aligned, faceCount);
            var bytes = Directory.GetFiles(aligned).Sum(f => new FileInfo(f).Length);
            report.WriteLine($"{faceCount} faces of 256 px ({bytes / 1e6:0} MB of JPEG; {real.Count} real faces of the two demo videos plus variants), {workers} workers\n");

            report.WriteLine("| method | seconds | of which features | notes |");
            report.WriteLine("|---|---|---|---|");
            var cold = Time(() => FaceSetSorter.Sort(aligned, "blur", new FaceSortOptions { Workers = workers }, null, ct));
            report.WriteLine($"| blur, no cache (first sort) | {cold.Seconds:0.00} | {cold.Seconds:0.00} | {cold.Report.FeaturesComputed} faces decoded and measured ({faceCount / cold.Seconds:0} faces/s) |");
            var scanOnly = Time(() => FaceSetScanner.Scan(aligned, workers, null, ct));
            foreach (var method in FaceSortMethods.All)
            {
                var options = new FaceSortOptions { Workers = workers, Count = method.Name == "best" ? faceCount / 5 : null };
                var run = Time(() => FaceSetSorter.Sort(aligned, method.Name, options, null, ct));
                var note = run.Report.Trashed > 0 ? $"{run.Report.Trashed} trashed, then restored" : "";
                if (method.Name == "best") note = $"--count {options.Count}; " + note;
                report.WriteLine($"| {method.Name} | {run.Seconds:0.00} | {scanOnly.Seconds:0.00} | {note} |");
                if (run.Report.Trashed > 0) FaceSetTrash.Restore(aligned);
            }
            report.WriteLine($"\n\"of which features\" = hashing every file and reading the cache ({scanOnly.Seconds:0.00} s); the rest is the ordering and the renames.\n");

            var pack = Time(() => FaceSetPacker.Pack(aligned, Path.Combine(scratch, "set.pak"), false, null, ct));
            var unpack = Time(() => FaceSetPacker.Unpack(pack.Report.Path, Path.Combine(scratch, "unpacked"), null, ct));
            var readAll = Time(() =>
            {
                using var set = FaceSetPack.Open(pack.Report.Path);
                long total = 0;
                for (var i = 0; i < set.Count; i++) total += set.ReadEncoded(i).Length;
                return total;
            });
            report.WriteLine($"pack {pack.Seconds:0.00} s, unpack {unpack.Seconds:0.00} s, open + read every face from the pack {readAll.Seconds:0.00} s ({pack.Report.Bytes / 1e6:0} MB)\n");

            HistogramFigures(aligned, histCount, workers, report, ct);
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    /// <summary>The O(n²) orderings on <paramref name="count"/> histograms (the set's, repeated with noise), on 1 thread and on all.</summary>
    private static void HistogramFigures(string aligned, int count, int workers, TextWriter report, CancellationToken ct)
    {
        var real = FaceSetScanner.Scan(aligned, workers, null, ct).Faces.Select(f => f.Features.Histogram).ToList();
        var random = new Random(7);
        var histograms = Enumerable.Range(0, count).Select(i => Perturb(real[i % real.Count], random)).ToList();
        var matrix = HistogramOrdering.ToMatrix(histograms);
        var half = HistogramOrdering.ToMatrix(histograms.Take(count / 2).ToList());

        report.WriteLine($"Histogram orderings alone, {FaceHistogram.Length} floats a face ({FaceHistogram.Bins} bins × 3 channels), Vector<float> of {System.Numerics.Vector<float>.Count} lanes:\n");
        report.WriteLine("| ordering | complexity | faces | 1 thread s | " + workers + " threads s | distances/s (all threads) |");
        report.WriteLine("|---|---|---|---|---|---|");
        foreach (var (n, m) in new[] { (count / 2, half), (count, matrix) })
        {
            var pairs = n * (double)(n - 1) / 2;
            var chain1 = Time(() => HistogramOrdering.SimilarChain(m, 1, ct));
            var chainN = Time(() => HistogramOrdering.SimilarChain(m, workers, ct));
            report.WriteLine($"| hist, hist-blur (nearest-neighbour chain) | O(n²·d) | {n} | {chain1.Seconds:0.00} | {chainN.Seconds:0.00} | {pairs / chainN.Seconds / 1e6:0} M |");
            var dissim1 = Time(() => HistogramOrdering.DissimilarityScores(m, 1, ct));
            var dissimN = Time(() => HistogramOrdering.DissimilarityScores(m, workers, ct));
            report.WriteLine($"| hist-dissim (summed distances) | O(n²·d) | {n} | {dissim1.Seconds:0.00} | {dissimN.Seconds:0.00} | {pairs / dissimN.Seconds / 1e6:0} M |");
        }
    }

    private static float[] Perturb(float[] histogram, Random random)
    {
        var result = new float[histogram.Length];
        for (var c = 0; c < FaceHistogram.Channels; c++)
        {
            var sum = 0f;
            for (var b = 0; b < FaceHistogram.Bins; b++)
            {
                var v = histogram[c * FaceHistogram.Bins + b];
                v = v * v * (1 + 0.2f * (float)(random.NextDouble() - 0.5));
                result[c * FaceHistogram.Bins + b] = v;
                sum += v;
            }
            for (var b = 0; b < FaceHistogram.Bins; b++) result[c * FaceHistogram.Bins + b] = MathF.Sqrt(result[c * FaceHistogram.Bins + b] / sum);
        }
        return result;
    }

    private static (double Seconds, T Report) Time<T>(Func<T> work)
    {
        var sw = Stopwatch.StartNew();
        var result = work();
        return (sw.Elapsed.TotalSeconds, result);
    }

    /// <summary>Faces of the demo dst video (every frame) and src video (2 fps).</summary>
    private static async Task<List<string>> RealFaces(string scratch, CancellationToken ct)
    {
        var tools = FaceExtractionTools.Default;
        var faces = new List<string>();
        foreach (var (name, video, fps) in new[] { ("dst", AssetCatalog.DemoDestinationVideo, (double?)null), ("src", AssetCatalog.DemoSourceVideo, 2.0) })
        {
            var frames = Path.Combine(scratch, name);
            await FrameExtractor.ExtractAsync(AssetStore.Default.Require(video), frames, new FrameExtractionOptions { Fps = fps }, null, ct);
            var aligned = Path.Combine(frames, "aligned");
            await FaceExtraction.RunAsync(frames, aligned, tools, new FaceExtractionOptions(), ct: ct);
            foreach (var face in Directory.GetFiles(aligned, "*.jpg").Order(StringComparer.Ordinal))
            {
                // Both videos number their frames 00001.png...: keep the two identities' frames apart, as separate workspaces would.
                var metadata = FaceImageFile.ReadMetadata(face);
                FaceImageFile.WriteMetadata(face, metadata with { SourceFilename = name + "-" + metadata.SourceFilename });
                faces.Add(face);
            }
        }
        return faces;
    }

    /// <summary>The real faces, then variants of them (each as if from its own frame) until there are <paramref name="count"/>, with names in shuffled order.</summary>
    private static void MakeSet(List<string> real, string folder, int count)
    {
        Directory.CreateDirectory(folder);
        var random = new Random(11);
        var jobs = Enumerable.Range(0, count).Select(i => (Index: i, Source: real[i % real.Count], Seed: random.Next())).ToList();
        Parallel.ForEach(jobs, job =>
        {
            var target = Path.Combine(folder, $"{job.Seed:x8}_{job.Index}.jpg");
            if (job.Index < real.Count)
            {
                File.Copy(job.Source, target);
                return;
            }
            var r = new Random(job.Seed);
            var (image, metadata) = FaceImageFile.Read(job.Source);
            using (image)
            {
                // A variant stands for a face of another frame, so oneface and origname see a realistic set.
                metadata = metadata with { SourceFilename = $"v{job.Index:D6}-{metadata.SourceFilename}" };
                using var varied = new Mat();
                image.ConvertTo(varied, -1, 0.8 + 0.4 * r.NextDouble(), 20 * (r.NextDouble() - 0.5));
                if (r.NextDouble() < 0.3) Cv2.GaussianBlur(varied, varied, new Size(0, 0), 0.5 + r.NextDouble());
                if (r.NextDouble() < 0.5)
                {
                    Cv2.Flip(varied, varied, FlipMode.Y);
                    var w = image.Width - 1;
                    metadata = metadata with
                    {
                        Landmarks = [.. LandmarkGroups.Mirror.Select(j => new Point2d(w - metadata.Landmarks[j].X, metadata.Landmarks[j].Y))],
                    };
                }
                FaceImageFile.Write(target, varied, metadata);
            }
        });
    }
}
