using FaceLab.Faces.Networks;

namespace FaceLab.Faces.Detection.Mtcnn;

/// <summary>
/// The float32 tensors of a TF.js weights manifest (face-api.js's <c>mtcnn_model</c>): the shard
/// files hold the tensors back to back, little-endian, in manifest order.
/// </summary>
internal sealed class MtcnnWeights(TfjsWeights weights)
{
    /// <summary>The float32 TF.js weights of face-api.js's P-, R- and O-nets.</summary>
    public static MtcnnWeights Load(string manifestPath) => new(TfjsWeights.Load(manifestPath));

    public ConvLayer Conv(string name)
    {
        var (shape, values) = Get(name + "/weights", 4);
        return new ConvLayer(shape[0], shape[1], shape[2], shape[3], values, Get(name + "/bias", 1).Values);
    }

    public DenseLayer Dense(string name)
    {
        var (shape, values) = Get(name + "/weights", 2);
        return new DenseLayer(shape[0], shape[1], values, Get(name + "/bias", 1).Values);
    }

    public float[] Vector(string name) => Get(name, 1).Values;

    private (int[] Shape, float[] Values) Get(string name, int rank)
    {
        var tensor = weights.Names.Contains(name) ? weights[name] : null;
        return tensor is not null && tensor.Shape.Length == rank
            ? (tensor.Shape, tensor.Values)
            : throw new Common.FaceLabException(weights.ManifestPath, $"missing or misshapen MTCNN tensor '{name}'", $"reinstall it with {Assets.AssetStore.InstallCommand}");
    }
}
