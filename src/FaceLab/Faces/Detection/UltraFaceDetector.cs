using FaceLab.Assets;
using Microsoft.ML.OnnxRuntime;
using OpenCvSharp;

namespace FaceLab.Faces.Detection;

/// <summary>
/// UltraFace RFB-320 (Ultra-Light-Fast-Generic-Face-Detector) through ONNX Runtime: fast, finds
/// faces down to ≈30 px, no keypoints. The ONNX graph already decodes its 4420 prior boxes.
/// </summary>
internal sealed class UltraFaceDetector : IFaceDetector
{
    private static readonly Size InputSize = new(320, 240);
    private static readonly long[] InputShape = [1, 3, InputSize.Height, InputSize.Width];

    private readonly InferenceSession _session;
    private readonly UltraFaceOptions _options;
    private readonly string _inputName;

    public UltraFaceDetector(UltraFaceOptions? options = null)
        : this(AssetStore.Default.Require(AssetCatalog.UltraFace), options)
    {
    }

    public UltraFaceDetector(string modelPath, UltraFaceOptions? options = null)
    {
        _options = options ?? new UltraFaceOptions();
        using var sessionOptions = new SessionOptions { IntraOpNumThreads = _options.IntraOpThreads };
        _session = new InferenceSession(modelPath, sessionOptions);
        _inputName = _session.InputMetadata.Keys.Single();
    }

    public string Name => "ultraface";


    public LandmarkBoxFit LandmarkBox { get; } = new(0.0, 0.26, 1.02, 0.77);

    public IReadOnlyList<DetectedFace> Detect(Mat bgrImage)
    {
        FrameFit fit;
        using (var input = _options.Letterbox
                   ? FrameFit.Letterbox(bgrImage, InputSize, out fit)
                   : FrameFit.Stretch(bgrImage, InputSize, out fit))
        {
            var tensor = PixelBuffer.PlanarRgb(input, 127f, 128f);
            using var inputValue = OrtValue.CreateTensorValueFromMemory(tensor, InputShape);
            using var runOptions = new RunOptions();
            using var outputs = _session.Run(runOptions, [_inputName], [inputValue], ["scores", "boxes"]);
            return Decode(outputs[0].GetTensorDataAsSpan<float>(), outputs[1].GetTensorDataAsSpan<float>(), fit);
        }
    }

    private IReadOnlyList<DetectedFace> Decode(ReadOnlySpan<float> scores, ReadOnlySpan<float> boxes, FrameFit fit)
    {
        var candidates = new List<DetectedFace>();
        for (var i = 0; i < scores.Length / 2; i++)
        {
            var score = scores[2 * i + 1]; // [background, face] probabilities
            if (score < _options.ScoreThreshold) continue;
            var box = fit.ToFrame(
                boxes[4 * i] * InputSize.Width, boxes[4 * i + 1] * InputSize.Height,
                boxes[4 * i + 2] * InputSize.Width, boxes[4 * i + 3] * InputSize.Height);
            candidates.Add(new DetectedFace(box, score, []));
        }
        return NonMaxSuppression.LargestFirst(NonMaxSuppression.Apply(candidates, _options.NmsIouThreshold));
    }

    public void Dispose() => _session.Dispose();
}
