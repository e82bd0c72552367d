using FaceLab.Assets;
using OpenCvSharp;

namespace FaceLab.Faces.Detection;

/// <summary>
/// OpenCV's frontal-face Haar cascade (Debian <c>opencv-data</c>): no model download, frontal
/// faces only, more false alarms than the neural detectors. A fallback and a test oracle.
/// </summary>
internal sealed class HaarCascadeDetector : IFaceDetector
{
    // OpenCV's own grouping tolerance in detectMultiScale.
    private const double GroupingEps = 0.2;

    private readonly CascadeClassifier _cascade;
    private readonly HaarCascadeOptions _options;

    public HaarCascadeDetector(HaarCascadeOptions? options = null)
        : this(SystemFile.HaarFrontalFace.Require(), options)
    {
    }

    public HaarCascadeDetector(string cascadePath, HaarCascadeOptions? options = null)
    {
        _options = options ?? new HaarCascadeOptions();
        _cascade = new CascadeClassifier(cascadePath);
        if (_cascade.Empty()) throw new ArgumentException($"{cascadePath}: not a readable cascade", nameof(cascadePath));
    }

    public string Name => "haar";


    public LandmarkBoxFit LandmarkBox { get; } = new(0.11, 0.26, 0.87, 0.81);

    public IReadOnlyList<DetectedFace> Detect(Mat bgrImage)
    {
        using var gray = bgrImage.CvtColor(ColorConversionCodes.BGR2GRAY);
        Cv2.EqualizeHist(gray, gray);
        // Group the raw windows ourselves (as detectMultiScale would) to learn how many each face merged.
        var raw = _cascade.DetectMultiScale(gray, _options.ScaleFactor, minNeighbors: 0).ToList();
        Cv2.GroupRectangles(raw, out int[] neighbors, _options.MinNeighbors, GroupingEps);
        var faces = raw.Select((r, i) => new DetectedFace(
            new Rect2d(r.X, r.Y, r.Width, r.Height),
            Math.Min(1f, neighbors[i] / (float)_options.NeighborsForFullScore),
            []));
        return NonMaxSuppression.LargestFirst(faces);
    }

    public void Dispose() => _cascade.Dispose();
}
