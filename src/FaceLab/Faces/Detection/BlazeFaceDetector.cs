using System.Runtime.InteropServices;
using FaceLab.Assets;
using OpenCvSharp;
using OpenCvSharp.Dnn;

namespace FaceLab.Faces.Detection;

/// <summary>
/// MediaPipe BlazeFace (TFLite, loaded by OpenCV's DNN module): boxes plus 6 keypoints
/// (right eye, left eye, nose tip, mouth centre, right ear tragion, left ear tragion; "right"
/// is the subject's). The frame is letterboxed into the square input, as MediaPipe does.
/// </summary>
internal sealed class BlazeFaceDetector : IFaceDetector
{
    private const int ValuesPerAnchor = 16; // box centre x,y, w,h, then 6 keypoints x,y
    private const int KeypointCount = 6;

    private readonly Net _net;
    private readonly BlazeFaceOptions _options;
    private readonly (float X, float Y)[] _anchors;
    private readonly int _inputSize;
    private readonly string[] _outputNames;

    public BlazeFaceDetector(BlazeFaceOptions? options = null)
        : this(AssetStore.Default.Require(ModelOf((options ?? new BlazeFaceOptions()).Range)), options)
    {
    }

    public BlazeFaceDetector(string modelPath, BlazeFaceOptions? options = null)
    {
        _options = options ?? new BlazeFaceOptions();
        _net = CvDnn.ReadNet(modelPath);
        (_inputSize, _anchors) = _options.Range == BlazeFaceRange.Full
            ? (192, BlazeFaceAnchors.FullRange())
            : (128, BlazeFaceAnchors.ShortRange());
        _outputNames = _net.GetUnconnectedOutLayersNames().Select(n => n ?? "").ToArray();
    }

    public string Name => _options.Range == BlazeFaceRange.Full ? "blazeface" : "blazeface-short";


    public LandmarkBoxFit LandmarkBox => _options.Range == BlazeFaceRange.Full ? new(0.13, 0.21, 0.86, 0.82) : new(0.05, 0.18, 0.92, 0.83);

    public static AssetFile ModelOf(BlazeFaceRange range) =>
        range == BlazeFaceRange.Full ? AssetCatalog.BlazeFaceFullRange : AssetCatalog.BlazeFaceShortRange;

    public IReadOnlyList<DetectedFace> Detect(Mat bgrImage)
    {
        var size = new Size(_inputSize, _inputSize);
        using var square = FrameFit.Letterbox(bgrImage, size, out var fit);
        using var blob = CvDnn.BlobFromImage(square, 1 / 127.5, size, new Scalar(127.5, 127.5, 127.5), swapRB: true);
        _net.SetInput(blob);
        var outputs = _outputNames.Select(_ => new Mat()).ToArray();
        try
        {
            _net.Forward(outputs, _outputNames);
            float[]? regressors = null, scores = null;
            foreach (var output in outputs)
            {
                var values = ToArray(output);
                if (values.Length == _anchors.Length * ValuesPerAnchor) regressors = values;
                else if (values.Length == _anchors.Length) scores = values;
            }
            if (regressors is null || scores is null)
                throw new InvalidOperationException($"unexpected BlazeFace outputs ({string.Join(", ", outputs.Select(o => o.Total()))} values)");
            return Decode(regressors, scores, fit);
        }
        finally
        {
            foreach (var output in outputs) output.Dispose();
        }
    }

    private IReadOnlyList<DetectedFace> Decode(float[] regressors, float[] logits, FrameFit fit)
    {
        var candidates = new List<DetectedFace>();
        float size = _inputSize;
        for (var i = 0; i < _anchors.Length; i++)
        {
            var score = Sigmoid(logits[i]);
            if (score < _options.ScoreThreshold) continue;
            var (ax, ay) = _anchors[i];
            var o = i * ValuesPerAnchor;
            // Offsets are in input pixels relative to the anchor centre.
            var cx = regressors[o] + ax * size;
            var cy = regressors[o + 1] + ay * size;
            var w = regressors[o + 2];
            var h = regressors[o + 3];
            var box = fit.ToFrame(cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2);
            var keypoints = new Point2d[KeypointCount];
            for (var k = 0; k < KeypointCount; k++)
                keypoints[k] = fit.ToFrame(regressors[o + 4 + 2 * k] + ax * size, regressors[o + 5 + 2 * k] + ay * size);
            candidates.Add(new DetectedFace(box, score, keypoints));
        }
        return NonMaxSuppression.LargestFirst(NonMaxSuppression.Apply(candidates, _options.NmsIouThreshold));
    }

    // MediaPipe clips logits to ±100 before the sigmoid.
    private static float Sigmoid(float logit) => 1f / (1f + MathF.Exp(-Math.Clamp(logit, -100f, 100f)));

    private static float[] ToArray(Mat mat)
    {
        using var continuous = mat.IsContinuous() ? null : mat.Clone();
        var source = continuous ?? mat;
        var values = new float[source.Total()];
        Marshal.Copy(source.Data, values, 0, values.Length);
        return values;
    }

    public void Dispose() => _net.Dispose();
}
