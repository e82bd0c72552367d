using System.Text.Json;
using System.Text.Json.Serialization;

namespace FaceLab.Faces.Detection.Mtcnn;

/// <summary>
/// The float32 tensors of a TF.js weights manifest (face-api.js's <c>mtcnn_model</c>): the shard
/// files hold the tensors back to back, little-endian, in manifest order.
/// </summary>
internal sealed class MtcnnWeights
{
    private readonly Dictionary<string, (int[] Shape, float[] Values)> _tensors = new(StringComparer.Ordinal);

    public static MtcnnWeights Load(string manifestPath)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(manifestPath))!;
        var groups = JsonSerializer.Deserialize<List<ManifestGroup>>(File.ReadAllText(manifestPath))
                     ?? throw new InvalidDataException($"{manifestPath}: empty weights manifest");
        var weights = new MtcnnWeights();
        foreach (var group in groups)
        {
            var bytes = group.Paths.SelectMany(p => File.ReadAllBytes(Path.Combine(directory, p))).ToArray();
            var offset = 0;
            foreach (var entry in group.Weights)
            {
                if (entry.Dtype != "float32")
                    throw new InvalidDataException($"{manifestPath}: {entry.Name} is {entry.Dtype}, expected float32");
                var count = entry.Shape.Aggregate(1, (a, b) => a * b);
                if (offset + count * 4 > bytes.Length)
                    throw new InvalidDataException($"{manifestPath}: shard too short for {entry.Name}");
                var values = new float[count];
                Buffer.BlockCopy(bytes, offset, values, 0, count * 4);
                offset += count * 4;
                weights._tensors[entry.Name] = (entry.Shape, values);
            }
        }
        return weights;
    }

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

    private (int[] Shape, float[] Values) Get(string name, int rank) =>
        _tensors.TryGetValue(name, out var t) && t.Shape.Length == rank
            ? t
            : throw new InvalidDataException($"MTCNN weights: missing or misshapen tensor '{name}'");

    private sealed record ManifestGroup(
        [property: JsonPropertyName("paths")] List<string> Paths,
        [property: JsonPropertyName("weights")] List<ManifestEntry> Weights);

    private sealed record ManifestEntry(
        [property: JsonPropertyName("name")] string Name,
        [property: JsonPropertyName("shape")] int[] Shape,
        [property: JsonPropertyName("dtype")] string Dtype);
}
