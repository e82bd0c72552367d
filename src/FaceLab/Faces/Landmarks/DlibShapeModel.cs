using System.Collections.Concurrent;

namespace FaceLab.Faces.Landmarks;

/// <summary>
/// dlib's trained shape predictor (Kazemi &amp; Sullivan's ensemble of regression trees): a mean
/// shape in box-normalised coordinates and a cascade of levels, each reading pixel-difference
/// features and adding tree leaf offsets to the shape. Immutable, so one instance (≈ 70 MB for
/// the 68-point model, ≈ 2 s to load) serves any number of <see cref="DlibLandmarker"/>s on any
/// number of threads.
/// </summary>
internal sealed class DlibShapeModel
{
    private static readonly ConcurrentDictionary<string, Lazy<DlibShapeModel>> SharedModels = new(StringComparer.Ordinal);

    internal DlibShapeModel(float[] meanShape, DlibCascadeLevel[] levels)
    {
        MeanShape = meanShape;
        Levels = levels;
    }

    /// <summary>Number of points the model places (68 for the iBUG model).</summary>
    public int PartCount => MeanShape.Length / 2;

    public int LevelCount => Levels.Length;

    /// <summary>Interleaved x, y of the mean shape; (0,0) and (1,1) are the training box corners.</summary>
    internal float[] MeanShape { get; }

    internal DlibCascadeLevel[] Levels { get; }

    /// <summary>Reads a <c>shape_predictor</c> file (serialisation version 1); throws <see cref="Common.FaceLabException"/> when it is not one.</summary>
    public static DlibShapeModel Load(string path) => DlibShapeModelReader.Read(path);

    /// <summary>
    /// The model at <paramref name="path"/>, loaded once per process and then shared: workers ask
    /// for it concurrently and only the first pays the load. A failed load is not cached.
    /// </summary>
    public static DlibShapeModel LoadShared(string path)
    {
        var key = System.IO.Path.GetFullPath(path);
        var lazy = SharedModels.GetOrAdd(key, k => new Lazy<DlibShapeModel>(() => Load(k), LazyThreadSafetyMode.ExecutionAndPublication));
        try
        {
            return lazy.Value;
        }
        catch
        {
            SharedModels.TryRemove(new KeyValuePair<string, Lazy<DlibShapeModel>>(key, lazy));
            throw;
        }
    }
}

/// <summary>One cascade level: where its feature pixels sit (relative to anchor points) and its trees.</summary>
internal sealed record DlibCascadeLevel(int[] AnchorPart, float[] DeltaX, float[] DeltaY, DlibRegressionTree[] Trees)
{
    public int FeatureCount => AnchorPart.Length;
}

/// <summary>
/// A complete binary regression tree stored breadth-first: split i compares
/// feature[<see cref="Feature1"/>[i]] − feature[<see cref="Feature2"/>[i]] with its threshold and
/// goes to child 2i+1 when greater, else 2i+2. <see cref="Leaves"/> holds leaf k's shape offset at
/// [k·shapeLength, (k+1)·shapeLength).
/// </summary>
internal sealed record DlibRegressionTree(int[] Feature1, int[] Feature2, float[] Threshold, float[] Leaves);
