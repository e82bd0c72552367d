using FaceLab.Common;
using FaceLab.FaceSets;
using FaceLab.Imaging;

namespace FaceLab.Evaluation;

/// <summary>
/// The src identity: the mean descriptor of up to a given number of src faces, evenly spread over
/// the face set in its order (so a large set costs no more than a small one), each chip cut from
/// the aligned face image with its own landmarks.
/// </summary>
internal static class SourceIdentity
{
    public static (FaceDescriptor Mean, int Faces) Measure(string sourceAligned, int count, FaceRecognitionNet net,
        IProgress<OperationProgress>? progress, CancellationToken ct)
    {
        if (!Directory.Exists(sourceAligned))
            throw new FaceLabException(sourceAligned, "does not exist", "extract the src faces first");
        using var set = FolderFaceSet.Open(sourceAligned);
        var chosen = EvenlySpread(set.Count, count);
        var descriptors = new FaceDescriptor[chosen.Count];
        var done = 0;
        progress?.Report(new OperationProgress("src identity", 0, chosen.Count, "faces"));
        Parallel.For(0, chosen.Count, new ParallelOptions { CancellationToken = ct }, i =>
        {
            var index = chosen[i];
            using var image = ImageDecoding.Decode(set.ReadEncoded(index), Path.Combine(sourceAligned, set[index].Name));
            using var chip = RecognitionChip.Cut(image, RecognitionChip.Transform(set[index].Metadata.Landmarks));
            descriptors[i] = net.Describe(chip);
            progress?.Report(new OperationProgress("src identity", Interlocked.Increment(ref done), chosen.Count, "faces"));
        });
        return (FaceDescriptor.Mean(descriptors), descriptors.Length);
    }

    /// <summary>Up to <paramref name="count"/> of the indices 0 … <paramref name="total"/> − 1, every k-th from the first.</summary>
    public static IReadOnlyList<int> EvenlySpread(int total, int count)
    {
        var step = Math.Max(1, (total + count - 1) / count);
        return [.. Enumerable.Range(0, total).Where(i => i % step == 0)];
    }
}
