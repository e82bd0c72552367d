using System.Collections.Concurrent;
using System.IO.Hashing;
using FaceLab.Common;
using FaceLab.Faces.Files;
using FaceLab.Imaging;

namespace FaceLab.FaceSets.Features;

/// <summary>One face file of a set with its features.</summary>
public sealed record ScannedFace(string Path, UInt128 ContentHash, FaceFeatures Features)
{
    /// <summary>The face's file name.</summary>
    public string Name => System.IO.Path.GetFileName(Path);
}

/// <summary>The faces of a folder with their features, in name order, and the files skipped.</summary>
internal sealed record ScannedFaceSet(IReadOnlyList<ScannedFace> Faces, IReadOnlyList<SkippedFace> Skipped, int Computed, int FromCache);

/// <summary>
/// Reads every face of a folder once on all cores: hashes its bytes, takes its features from the
/// <see cref="FaceFeatureCache"/> or decodes and measures it, then saves the cache.
/// </summary>
internal static class FaceSetScanner
{
    public static ScannedFaceSet Scan(string folder, int workers, IProgress<OperationProgress>? progress = null, CancellationToken ct = default)
    {
        var files = FaceSetFolder.ListFaces(folder);
        var cache = FaceFeatureCache.Load(folder);
        var results = new ScannedFace?[files.Count];
        var skipped = new ConcurrentBag<(int Index, SkippedFace Face)>();
        var computed = 0;
        var done = 0;
        progress?.Report(new OperationProgress("face features", 0, files.Count, "faces"));

        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, workers), CancellationToken = ct };
        try
        {
            Parallel.For(0, files.Count, parallel, i => Measure(i));
        }
        finally
        {
            // Also when stopped: the faces measured so far need not be measured again.
            if (computed > 0)
                cache.Save(folder, results.Where(r => r is not null).GroupBy(f => f!.ContentHash).ToDictionary(g => g.Key, g => g.First()!.Features));
        }

        var faces = results.Where(r => r is not null).Select(r => r!).ToList();
        return new ScannedFaceSet(faces, [.. skipped.OrderBy(s => s.Index).Select(s => s.Face)], computed, faces.Count - computed);

        void Measure(int i)
        {
            var path = files[i];
            var name = Path.GetFileName(path);
            try
            {
                var bytes = File.ReadAllBytes(path);
                var hash = XxHash128.HashToUInt128(bytes);
                if (!cache.TryGet(hash, out var features))
                {
                    var metadata = FaceImageFile.TryReadMetadata(bytes, name);
                    if (metadata is null)
                    {
                        skipped.Add((i, new SkippedFace(name, "no FaceLab face metadata")));
                        return;
                    }
                    using var image = ImageDecoding.Decode(bytes, name);
                    features = FaceFeatureExtractor.Compute(image, metadata);
                    Interlocked.Increment(ref computed);
                }
                results[i] = new ScannedFace(path, hash, features);
            }
            catch (FaceLabException e)
            {
                skipped.Add((i, new SkippedFace(name, e.Problem)));
            }
            catch (IOException e)
            {
                skipped.Add((i, new SkippedFace(name, "cannot read (" + e.Message + ")")));
            }
            finally
            {
                progress?.Report(new OperationProgress("face features", Interlocked.Increment(ref done), files.Count, "faces"));
            }
        }
    }
}
