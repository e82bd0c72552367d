using FaceLab.Assets;
using FaceLab.Faces.Detection.Mtcnn;
using OpenCvSharp;

namespace FaceLab.Faces.Detection;

/// <summary>
/// MTCNN as in face-api.js (its float32 weights, its stage logic): the P-net proposes windows
/// over an image pyramid, the R-net rejects and refines them on 24×24 patches, the O-net scores
/// 48×48 patches and adds 5 keypoints (left eye, right eye, nose, mouth left, mouth right, in
/// image order). Plain C# nets: slower than the other neural detectors on large frames.
/// </summary>
internal sealed class MtcnnDetector : IFaceDetector
{
    private const int CellSize = 12;   // P-net window
    private const int CellStride = 2;  // P-net output stride

    private readonly MtcnnOptions _options;
    private readonly ProposalNet _pnet;
    private readonly RefineNet _rnet;
    private readonly OutputNet _onet;

    public MtcnnDetector(MtcnnOptions? options = null)
        : this(AssetStore.Default, options)
    {
    }

    internal MtcnnDetector(AssetStore store, MtcnnOptions? options = null)
        : this(RequireInstalled(store), options)
    {
    }

    /// <param name="manifestPath">TF.js weights manifest; its shard files are read from the same folder.</param>
    public MtcnnDetector(string manifestPath, MtcnnOptions? options = null)
    {
        _options = options ?? new MtcnnOptions();
        var weights = MtcnnWeights.Load(manifestPath);
        _pnet = new ProposalNet(weights);
        _rnet = new RefineNet(weights);
        _onet = new OutputNet(weights);
    }

    public string Name => "mtcnn";

    /// <summary>The manifest path, once it and the shard beside it are known to be installed: a missing one then gives the setup hint.</summary>
    private static string RequireInstalled(AssetStore store)
    {
        store.Require(AssetCatalog.Mtcnn);
        return store.Require(AssetCatalog.MtcnnManifest);
    }


    public LandmarkBoxFit LandmarkBox { get; } = new(0.12, 0.27, 0.81, 0.77);

    public IReadOnlyList<DetectedFace> Detect(Mat bgrImage)
    {
        var proposals = Propose(bgrImage);
        if (proposals.Count == 0) return [];
        var refined = Refine(bgrImage, proposals);
        if (refined.Count == 0) return [];
        return NonMaxSuppression.LargestFirst(Output(bgrImage, refined));
    }

    /// <summary>The pyramid scales: the first maps MinFaceSize to the 12 px cell, each next one shrinks by ScaleFactor.</summary>
    internal IReadOnlyList<double> Scales(int width, int height)
    {
        var first = (double)CellSize / _options.MinFaceSize;
        var scales = new List<double>();
        for (var (side, exponent) = (Math.Min(width, height) * first, 0); side >= CellSize; side *= _options.ScaleFactor, exponent++)
            scales.Add(first * Math.Pow(_options.ScaleFactor, exponent));
        return scales
            .Where(s => Math.Min(Math.Floor(width * s), Math.Floor(height * s)) > CellSize)
            .Take(_options.MaxScales)
            .ToList();
    }

    private List<CandidateBox> Propose(Mat bgr)
    {
        var pixels = PixelBuffer.Bgr(bgr);
        var cells = new List<CandidateBox>();
        var offsets = new List<float[]>();
        var scores = new List<float>();
        foreach (var scale in Scales(bgr.Width, bgr.Height))
        {
            var (scoreMap, regionMap) = _pnet.Forward(NetworkInput.ScaledImage(pixels, bgr.Width, bgr.Height, scale));
            var levelCells = new List<CandidateBox>();
            var levelOffsets = new List<float[]>();
            var levelScores = new List<float>();
            // Rows of the (transposed) maps run along image x.
            for (var ix = 0; ix < scoreMap.Rows; ix++)
                for (var iy = 0; iy < scoreMap.Cols; iy++)
                {
                    var score = scoreMap.At(ix, iy)[0];
                    if (score < _options.ProposalThreshold) continue;
                    levelCells.Add(new CandidateBox(
                        CandidateBox.JsRound((ix * CellStride + 1) / scale), CandidateBox.JsRound((iy * CellStride + 1) / scale),
                        CandidateBox.JsRound((ix * CellStride + CellSize) / scale), CandidateBox.JsRound((iy * CellStride + CellSize) / scale)));
                    levelOffsets.Add(regionMap.At(ix, iy).ToArray());
                    levelScores.Add(score);
                }
            foreach (var i in CandidateSuppression.Keep(levelCells, levelScores, 0.5))
            {
                cells.Add(levelCells[i]);
                offsets.Add(levelOffsets[i]);
                scores.Add(levelScores[i]);
            }
        }
        return CandidateSuppression.Keep(cells, scores, 0.7)
            .Select(i => cells[i].Calibrate(offsets[i]))
            .ToList();
    }

    private List<CandidateBox> Refine(Mat bgr, List<CandidateBox> proposals)
    {
        var boxes = new List<CandidateBox>();
        var offsets = new List<float[]>();
        var scores = new List<float>();
        foreach (var box in proposals)
        {
            var patch = NetworkInput.Patch(bgr, box, RefineNet.InputSize);
            if (patch is null) continue;
            var (score, region) = _rnet.Forward(patch);
            if (score <= _options.RefineThreshold) continue;
            boxes.Add(box);
            offsets.Add(region);
            scores.Add(score);
        }
        return CandidateSuppression.Keep(boxes, scores, 0.7)
            .Select(i => boxes[i].Calibrate(offsets[i]))
            .ToList();
    }

    private List<DetectedFace> Output(Mat bgr, List<CandidateBox> candidates)
    {
        var boxes = new List<CandidateBox>();
        var points = new List<float[]>();
        var scores = new List<float>();
        foreach (var candidate in candidates)
        {
            var patch = NetworkInput.Patch(bgr, candidate, OutputNet.InputSize);
            if (patch is null) continue;
            var (score, region, keypoints) = _onet.Forward(patch);
            if (score <= _options.OutputThreshold) continue;
            boxes.Add(candidate.Calibrate(region));
            points.Add(keypoints);
            scores.Add(score);
        }
        return CandidateSuppression.Keep(boxes, scores, 0.7, overMinimum: true)
            .Select(i => new DetectedFace(boxes[i].ToRect(), scores[i], Keypoints(boxes[i], points[i])))
            .ToList();
    }

    // Points are relative to the calibrated box, scaled by (size + 1) as in face-api.js.
    private static Point2d[] Keypoints(CandidateBox box, float[] p) =>
        Enumerable.Range(0, 5)
            .Select(k => new Point2d(p[k] * (box.Width + 1) + box.Left, p[k + 5] * (box.Height + 1) + box.Top))
            .ToArray();

    public void Dispose()
    {
        _pnet.Dispose();
        _rnet.Dispose();
        _onet.Dispose();
    }
}
