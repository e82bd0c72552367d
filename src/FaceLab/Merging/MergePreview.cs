using System.Diagnostics;
using System.IO.Hashing;
using FaceLab.Common;
using FaceLab.Faces.Alignment;
using FaceLab.Imaging;
using FaceLab.Media;
using FaceLab.Training.Inference;
using OpenCvSharp;

namespace FaceLab.Merging;

/// <summary>One frame merged for a look: the JPEG, its size, the faces replaced, whether the model ran for it, and how long it took.</summary>
public sealed record MergePreviewImage(byte[] Jpeg, int Width, int Height, int Faces, bool Predicted, TimeSpan Elapsed);

/// <summary>
/// Single dst frames merged with any options, fast enough to tune the merge interactively: the
/// model's predictions of a frame's faces are kept (keyed by the cut face's pixels), so changing
/// an option only blends again; no option changes the cut, so none needs a new prediction. The
/// merge is <see cref="FrameMerger"/>'s, the same as <see cref="FrameMergeRun"/>'s, so what is seen
/// is what a merge writes. The last few frames stay decoded. Thread-safe: renders take turns.
/// </summary>
public sealed class MergePreview : IDisposable
{
    /// <summary>Frames kept decoded with their predictions: enough to step back and forth.</summary>
    public const int DefaultCachedFrames = 12;

    private const int JpegQuality = 92;

    private readonly IFacePredictor _predictor;
    private readonly Dictionary<string, string> _paths;
    private readonly DestinationFaces _faces;
    private readonly int _capacity;
    private readonly LinkedList<CachedFrame> _recent = new(); // most recently used first
    private readonly Lock _gate = new();

    /// <param name="predictor">The model; used under this object's lock, and not disposed by it.</param>
    /// <param name="frames">The dst frames (<c>data_dst/</c>).</param>
    /// <param name="aligned">Their faces (<c>data_dst/aligned/</c>).</param>
    public MergePreview(IFacePredictor predictor, string frames, string aligned, int cachedFrames = DefaultCachedFrames)
    {
        ArgumentNullException.ThrowIfNull(predictor);
        ArgumentOutOfRangeException.ThrowIfLessThan(cachedFrames, 1);
        _predictor = predictor;
        _capacity = cachedFrames;
        var files = FrameSequence.In(frames).Files;
        Frames = [.. files.Select(f => Path.GetFileName(f))];
        _paths = files.ToDictionary(f => Path.GetFileName(f), StringComparer.Ordinal);
        _faces = DestinationFaces.Read(aligned, Frames);
    }

    /// <summary>The dst frames' file names, in order.</summary>
    public IReadOnlyList<string> Frames { get; }

    /// <summary>How many faces of <paramref name="frameName"/> a merge replaces.</summary>
    public int FacesIn(string frameName) => _faces.Of(frameName).Count;

    /// <summary>
    /// <paramref name="frameName"/> merged with <paramref name="options"/>, as a JPEG. The model runs
    /// only for faces it has not predicted yet.
    /// </summary>
    public MergePreviewImage Render(string frameName, MergeOptions options)
    {
        var clock = Stopwatch.StartNew();
        if (!_paths.TryGetValue(frameName, out var path))
            throw new FaceLabException(frameName, "is not one of the dst frames", "pick a frame of the list");
        lock (_gate)
        {
            var frame = Cached(frameName, path);
            var predictor = new RememberingPredictor(_predictor, frame.Predictions);
            var faces = _faces.Of(frameName);
            using var merged = new FrameMerger(predictor, options).Merge(frame.Image, faces);
            Cv2.ImEncode(".jpg", merged.Image, out var jpeg, new ImageEncodingParam(ImwriteFlags.JpegQuality, JpegQuality));
            return new MergePreviewImage(jpeg, merged.Image.Width, merged.Image.Height, faces.Count, predictor.Predicted, clock.Elapsed);
        }
    }

    /// <summary>Releases the decoded frames and kept predictions.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var frame in _recent) frame.Dispose();
            _recent.Clear();
        }
    }

    private CachedFrame Cached(string name, string path)
    {
        for (var node = _recent.First; node is not null; node = node.Next)
        {
            if (node.Value.Name != name) continue;
            _recent.Remove(node);
            _recent.AddFirst(node);
            return node.Value;
        }
        var frame = new CachedFrame(name, ImageDecoding.Read(path));
        _recent.AddFirst(frame);
        while (_recent.Count > _capacity)
        {
            _recent.Last!.Value.Dispose();
            _recent.RemoveLast();
        }
        return frame;
    }

    private sealed class CachedFrame(string name, Mat image) : IDisposable
    {
        public string Name { get; } = name;

        public Mat Image { get; } = image;

        /// <summary>The model's prediction of each face cut from this frame, by the cut's pixels.</summary>
        public Dictionary<UInt128, FacePrediction> Predictions { get; } = [];

        public void Dispose()
        {
            Image.Dispose();
            foreach (var p in Predictions.Values) p.Dispose();
        }
    }

    /// <summary>
    /// Asks the model only for cuts it has not seen and hands out copies (the merger disposes what
    /// it gets). Only ever used under the preview's lock.
    /// </summary>
    private sealed class RememberingPredictor(IFacePredictor model, Dictionary<UInt128, FacePrediction> known) : IFacePredictor
    {
        public int Resolution => model.Resolution;

        public FaceType FaceType => model.FaceType;

        public bool Predicted { get; private set; }

        public IReadOnlyList<FacePrediction> Predict(IReadOnlyList<Mat> faces)
        {
            var keys = faces.Select(Key).ToList();
            var missing = Enumerable.Range(0, faces.Count).Where(i => !known.ContainsKey(keys[i])).ToList();
            if (missing.Count > 0)
            {
                var predictions = model.Predict([.. missing.Select(i => faces[i])]);
                for (var n = 0; n < missing.Count; n++) known[keys[missing[n]]] = predictions[n];
                Predicted = true;
            }
            return [.. keys.Select(k => Copy(known[k]))];
        }

        private static UInt128 Key(Mat face)
        {
            using var continuous = face.IsContinuous() ? null : face.Clone();
            return XxHash128.HashToUInt128((continuous ?? face).AsSpan<byte>());
        }

        private static FacePrediction Copy(FacePrediction p) => new(p.Face.Clone(), p.PredictedMask.Clone(), p.DestinationMask.Clone());
    }
}
