namespace FaceLab.Faces.Landmarks;

/// <summary>
/// Parses dlib's <c>shape_predictor</c> serialisation, version 1 (dlib/image_processing/shape_predictor.h):
/// version, initial shape, forests (levels × trees of splits and leaves), anchor indices and
/// feature-pixel deltas per level. Checks every index so evaluation can trust the model.
/// </summary>
internal static class DlibShapeModelReader
{
    private const int MaxParts = 10_000;
    private const int MaxLevels = 1_000;

    public static DlibShapeModel Read(string path)
    {
        byte[] data;
        try
        {
            data = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new Common.FaceLabException(path, $"cannot read the dlib shape predictor: {e.Message}", $"reinstall it with {Assets.AssetStore.InstallCommand}", e);
        }
        var reader = new DlibSerializationReader(data, path);
        var version = reader.ReadInt64();
        if (version != 1) throw reader.Corrupt($"serialisation version {version}, expected 1");

        var meanShape = reader.ReadMatrix();
        if (meanShape.Length == 0 || meanShape.Length % 2 != 0 || meanShape.Length / 2 > MaxParts)
            throw reader.Corrupt($"initial shape has {meanShape.Length} values");

        var forests = ReadForests(reader, meanShape.Length);
        var anchors = ReadAnchors(reader, meanShape.Length / 2);
        var deltas = ReadDeltas(reader);
        if (anchors.Length != forests.Length || deltas.Length != forests.Length)
            throw reader.Corrupt($"{forests.Length} forests but {anchors.Length} anchor sets and {deltas.Length} delta sets");
        if (reader.Remaining != 0) throw reader.Corrupt($"{reader.Remaining} unexpected trailing bytes");

        var levels = new DlibCascadeLevel[forests.Length];
        for (var l = 0; l < levels.Length; l++)
        {
            var featureCount = anchors[l].Length;
            if (deltas[l].X.Length != featureCount) throw reader.Corrupt($"level {l} has {featureCount} anchors but {deltas[l].X.Length} deltas");
            foreach (var tree in forests[l])
                if (tree.Feature1.Any(f => f >= featureCount) || tree.Feature2.Any(f => f >= featureCount))
                    throw reader.Corrupt($"a tree of level {l} reads a feature beyond its {featureCount}");
            levels[l] = new DlibCascadeLevel(anchors[l], deltas[l].X, deltas[l].Y, forests[l]);
        }
        return new DlibShapeModel(meanShape, levels);
    }

    private static DlibRegressionTree[][] ReadForests(DlibSerializationReader reader, int shapeLength)
    {
        var forests = new DlibRegressionTree[reader.ReadCount("level count", MaxLevels)][];
        for (var l = 0; l < forests.Length; l++)
        {
            forests[l] = new DlibRegressionTree[reader.ReadCount("tree count", reader.Remaining / MinTreeBytes(shapeLength))];
            for (var t = 0; t < forests[l].Length; t++) forests[l][t] = ReadTree(reader, shapeLength);
        }
        return forests;
    }

    private static DlibRegressionTree ReadTree(DlibSerializationReader reader, int shapeLength)
    {
        var splitCount = reader.ReadCount("split count", reader.Remaining / 3);
        var feature1 = new int[splitCount];
        var feature2 = new int[splitCount];
        var threshold = new float[splitCount];
        for (var i = 0; i < splitCount; i++)
        {
            feature1[i] = reader.ReadCount("feature index", int.MaxValue);
            feature2[i] = reader.ReadCount("feature index", int.MaxValue);
            threshold[i] = reader.ReadSingle();
        }
        // A complete tree has one more leaf than splits; evaluation relies on it.
        var leafCount = reader.ReadCount("leaf count", reader.Remaining / MinLeafBytes(shapeLength));
        if (leafCount != splitCount + 1) throw reader.Corrupt($"tree has {splitCount} splits but {leafCount} leaves");
        var leaves = new float[leafCount * shapeLength];
        for (var k = 0; k < leafCount; k++)
        {
            var leaf = reader.ReadMatrix();
            if (leaf.Length != shapeLength) throw reader.Corrupt($"leaf has {leaf.Length} values, expected {shapeLength}");
            leaf.CopyTo(leaves, k * shapeLength);
        }
        return new DlibRegressionTree(feature1, feature2, threshold, leaves);
    }

    // Counts are bounded by the bytes their items need at least (a header byte per integer, two per
    // float), so a corrupt count can neither allocate far beyond the file nor overflow a product.
    private static long MinLeafBytes(int shapeLength) => 2 + 2L * shapeLength;

    private static long MinTreeBytes(int shapeLength) => 2 + MinLeafBytes(shapeLength);

    private static int[][] ReadAnchors(DlibSerializationReader reader, int partCount)
    {
        var anchors = new int[reader.ReadCount("anchor set count", MaxLevels)][];
        for (var l = 0; l < anchors.Length; l++)
        {
            anchors[l] = new int[reader.ReadCount("anchor count", reader.Remaining)];
            for (var i = 0; i < anchors[l].Length; i++) anchors[l][i] = reader.ReadCount("anchor part", partCount - 1);
        }
        return anchors;
    }

    private static (float[] X, float[] Y)[] ReadDeltas(DlibSerializationReader reader)
    {
        var deltas = new (float[] X, float[] Y)[reader.ReadCount("delta set count", MaxLevels)];
        for (var l = 0; l < deltas.Length; l++)
        {
            var count = reader.ReadCount("delta count", reader.Remaining / 4);
            var (x, y) = (new float[count], new float[count]);
            for (var i = 0; i < count; i++)
            {
                x[i] = reader.ReadSingle();
                y[i] = reader.ReadSingle();
            }
            deltas[l] = (x, y);
        }
        return deltas;
    }
}
