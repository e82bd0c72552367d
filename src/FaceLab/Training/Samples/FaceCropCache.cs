using FaceLab.Common;
using FaceLab.Faces.Alignment;
using FaceLab.FaceSets;
using FaceLab.Imaging;
using OpenCvSharp;

namespace FaceLab.Training.Samples;

/// <summary>
/// Decodes each face of a set on first use and keeps only its crop at the model's resolution plus
/// margin (<see cref="FaceCrop"/>), so workers rarely touch the disk or a JPEG decoder again.
/// Memory: (resolution·(1 + 2·margin))²·3 bytes a face — 56 KB at 128 px with the default margin
/// (10 000 faces ≈ 560 MB), 14 KB at 64 px, 225 KB at 256 px; the encoded files are not kept. At most
/// <see cref="MaxBytes"/> of crops are kept: beyond it the least recently used crop is dropped and
/// made again from its file when next needed, so a face set of any size trains in bounded memory.
/// A dropped crop is not disposed (a worker may still be reading it): its pixels are managed memory
/// that the garbage collector frees once no one holds the crop. Thread-safe: a face is cropped by
/// one thread at a time, others wait for it.
/// </summary>
internal sealed class FaceCropCache : IDisposable
{
    private readonly FaceCrop?[] _crops;
    private readonly LinkedListNode<int>?[] _recentNodes;
    private readonly LinkedList<int> _recent = new();
    private readonly Lock _gate = new();
    private readonly Lock[] _builders = [.. Enumerable.Range(0, 64).Select(_ => new Lock())];
    private readonly SampleOptions _options;
    private long _bytes;
    private long _built;
    private long _dropped;

    /// <param name="maxBytes">Crops kept at most, in bytes; unbounded by default.</param>
    public FaceCropCache(IFaceSet faceSet, SampleOptions options, long maxBytes = long.MaxValue)
    {
        options.Validate();
        ArgumentOutOfRangeException.ThrowIfNegative(maxBytes);
        FaceSet = faceSet;
        _options = options;
        MaxBytes = maxBytes;
        Margin = (int)Math.Round(options.Resolution * options.CropMargin);
        _crops = new FaceCrop?[faceSet.Count];
        _recentNodes = new LinkedListNode<int>?[faceSet.Count];
    }

    /// <summary>Bytes of crops kept at most.</summary>
    public long MaxBytes { get; }

    /// <summary>Bytes every face of the set would take if all were kept.</summary>
    public long BytesForAllFaces => BytesFor(Count, _options);

    /// <summary>Bytes the crops of <paramref name="faces"/> faces take: (resolution + 2·margin)²·3 each.</summary>
    public static long BytesFor(int faces, SampleOptions options)
    {
        var side = options.Resolution + 2L * (int)Math.Round(options.Resolution * options.CropMargin);
        return side * side * 3 * faces;
    }

    /// <summary>Crops made from their files so far (first uses and uses after a drop).</summary>
    public long Built => Interlocked.Read(ref _built);

    /// <summary>Crops dropped to stay within <see cref="MaxBytes"/>.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    public IFaceSet FaceSet { get; }

    public int Count => FaceSet.Count;

    public int Resolution => _options.Resolution;

    public int Margin { get; }

    /// <summary>Bytes of crops held now; never more than <see cref="MaxBytes"/>.</summary>
    public long CachedBytes => Interlocked.Read(ref _bytes);

    /// <summary>The crop of face <paramref name="index"/>, made on first use and again after it was dropped.</summary>
    public FaceCrop Get(int index)
    {
        if (Kept(index) is { } kept) return kept;
        lock (_builders[index % _builders.Length])
        {
            if (Kept(index) is { } builtMeanwhile) return builtMeanwhile;
            var crop = Build(index);
            Interlocked.Increment(ref _built);
            lock (_gate)
            {
                _crops[index] = crop;
                _recentNodes[index] = _recent.AddFirst(index);
                Interlocked.Add(ref _bytes, crop.Bytes);
                DropBeyondBudget();
            }
            return crop;
        }
    }

    /// <summary>
    /// Face file pixels → the model's <c>Resolution</c>² square (no margin): a plain rescale when the
    /// face types agree, otherwise a re-crop from the landmarks with the model's face type.
    /// </summary>
    public Affine2D FaceToModel(int index)
    {
        var entry = FaceSet[index];
        var resolution = _options.Resolution;
        var faceType = entry.Metadata.AlignedFaceType;
        var modelType = _options.FaceType ?? faceType;
        if (modelType == faceType)
        {
            var scale = (double)resolution / entry.ImageSize.Width;
            return new Affine2D(scale, 0, 0, 0, scale, 0);
        }
        return FaceAligner.ImageToFace(entry.Metadata.Landmarks, modelType, resolution);
    }

    /// <summary>Landmarks of face <paramref name="index"/> in the model's square.</summary>
    public Point2d[] ModelLandmarks(int index) => FaceToModel(index).Apply(FaceSet[index].Metadata.Landmarks);

    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var crop in _crops) crop?.Dispose();
            Array.Clear(_crops);
            _recent.Clear();
        }
    }

    /// <summary>The kept crop, marked as the most recently used, or null.</summary>
    private FaceCrop? Kept(int index)
    {
        lock (_gate)
        {
            if (_crops[index] is not { } crop) return null;
            var node = _recentNodes[index]!;
            _recent.Remove(node);
            _recent.AddFirst(node);
            return crop;
        }
    }

    /// <summary>Drops the least recently used crops until the rest fit (the newest last of all, so a budget below one crop keeps none).</summary>
    private void DropBeyondBudget()
    {
        while (Interlocked.Read(ref _bytes) > MaxBytes && _recent.Last is { } oldest)
        {
            var index = oldest.Value;
            _recent.RemoveLast();
            _recentNodes[index] = null;
            Interlocked.Add(ref _bytes, -_crops[index]!.Bytes);
            _crops[index] = null;
            Interlocked.Increment(ref _dropped);
        }
    }

    private FaceCrop Build(int index)
    {
        var entry = FaceSet[index];
        // Verified: a pack's checksum catches bit-flipped faces before they are trained on.
        using var image = ImageDecoding.Decode(FaceSet.ReadVerified(index), $"{FaceSet.Location}/{entry.Name}");
        var faceToCrop = new Affine2D(1, 0, Margin, 0, 1, Margin).After(FaceToModel(index));
        var warp = faceToCrop;
        var size = _options.Resolution + 2 * Margin;

        // Shrinking by more than 1.5× with an interpolating warp aliases; area-average down first.
        Mat source = image;
        using var reduced = new Mat();
        var shrink = faceToCrop.Scale;
        if (shrink < 1 / 1.5)
        {
            var width = Math.Max(1, (int)Math.Round(image.Cols * shrink * 1.5));
            var height = Math.Max(1, (int)Math.Round(image.Rows * shrink * 1.5));
            Cv2.Resize(image, reduced, new Size(width, height), 0, 0, InterpolationFlags.Area);
            // Reduced pixel centre x maps to (x + ½)·f − ½ in the original.
            double fx = (double)image.Cols / width, fy = (double)image.Rows / height;
            warp = faceToCrop.After(new Affine2D(fx, 0, 0.5 * fx - 0.5, 0, fy, 0.5 * fy - 0.5));
            source = reduced;
        }

        using var warped = new Mat();
        using (var matrix = warp.ToMat())
            Cv2.WarpAffine(source, warped, matrix, new Size(size, size), InterpolationFlags.Lanczos4, BorderTypes.Replicate);
        return FaceCrop.WithManagedPixels(warped, faceToCrop.Apply(entry.Metadata.Landmarks), faceToCrop, Margin);
    }
}
