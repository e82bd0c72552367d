using FaceLab.Common;
using FaceLab.Faces.Alignment;
using FaceLab.FaceSets;
using FaceLab.Imaging;
using OpenCvSharp;

namespace FaceLab.Training.Samples;

/// <summary>
/// Decodes each face of a set once, on first use, and keeps only its crop at the model's
/// resolution plus margin (<see cref="FaceCrop"/>), so workers never touch the disk or a JPEG
/// decoder again. Memory: (resolution·(1 + 2·margin))²·3 bytes a face — 56 KB at 128 px with the
/// default margin (10 000 faces ≈ 560 MB), 14 KB at 64 px, 225 KB at 256 px; the encoded files are not
/// kept. Thread-safe: a face is cropped by exactly one thread, others wait for it.
/// </summary>
internal sealed class FaceCropCache : IDisposable
{
    private readonly Lazy<FaceCrop>[] _crops;
    private readonly SampleOptions _options;
    private long _bytes;

    public FaceCropCache(IFaceSet faceSet, SampleOptions options)
    {
        options.Validate();
        FaceSet = faceSet;
        _options = options;
        Margin = (int)Math.Round(options.Resolution * options.CropMargin);
        _crops = [.. Enumerable.Range(0, faceSet.Count).Select(i => new Lazy<FaceCrop>(() => Build(i), LazyThreadSafetyMode.ExecutionAndPublication))];
    }

    public IFaceSet FaceSet { get; }

    public int Count => FaceSet.Count;

    public int Resolution => _options.Resolution;

    public int Margin { get; }

    /// <summary>Bytes of crops held so far.</summary>
    public long CachedBytes => Interlocked.Read(ref _bytes);

    /// <summary>The crop of face <paramref name="index"/>, made on first use.</summary>
    public FaceCrop Get(int index) => _crops[index].Value;

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
        foreach (var crop in _crops)
            if (crop.IsValueCreated) crop.Value.Dispose();
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

        var crop = new Mat();
        using (var matrix = warp.ToMat())
            Cv2.WarpAffine(source, crop, matrix, new Size(size, size), InterpolationFlags.Lanczos4, BorderTypes.Replicate);
        var result = new FaceCrop(crop, faceToCrop.Apply(entry.Metadata.Landmarks), faceToCrop, Margin);
        Interlocked.Add(ref _bytes, result.Bytes);
        return result;
    }
}
