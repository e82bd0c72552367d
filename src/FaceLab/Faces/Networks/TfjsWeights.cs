using System.Text.Json;
using FaceLab.Common;

namespace FaceLab.Faces.Networks;

/// <summary>One named weight tensor of a TF.js model, dequantised to float32, row-major in TF's layout (filters HWIO).</summary>
public sealed record TfjsTensor(string Name, int[] Shape, float[] Values);

/// <summary>
/// Loads TF.js layers/graph weights: a <c>*-weights_manifest.json</c> listing groups of shard files
/// and, per group, the tensors stored back to back in those shards. Quantised tensors (uint8 or
/// uint16) decode as value = q·scale + min. face-api.js's landmark, recognition and MTCNN nets all
/// ship in this format.
/// </summary>
public sealed class TfjsWeights
{
    private readonly Dictionary<string, TfjsTensor> tensors;

    private TfjsWeights(string manifestPath, Dictionary<string, TfjsTensor> tensors)
    {
        ManifestPath = manifestPath;
        this.tensors = tensors;
    }

    public string ManifestPath { get; }

    public IReadOnlyCollection<string> Names => tensors.Keys;

    /// <summary>The tensor called <paramref name="name"/>; a missing one means the manifest is for another net.</summary>
    public TfjsTensor this[string name] =>
        tensors.TryGetValue(name, out var tensor)
            ? tensor
            : throw new FaceLabException($"{ManifestPath}: has no weight '{name}'; is it the right model?");

    /// <summary>Reads the manifest and its shards (paths relative to the manifest's folder).</summary>
    public static TfjsWeights Load(string manifestPath)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(manifestPath))!;
        var tensors = new Dictionary<string, TfjsTensor>(StringComparer.Ordinal);
        try
        {
            using var manifest = JsonDocument.Parse(File.ReadAllBytes(manifestPath));
            foreach (var group in manifest.RootElement.EnumerateArray())
            {
                var data = group.GetProperty("paths").EnumerateArray()
                    .SelectMany(p => File.ReadAllBytes(Path.Combine(folder, p.GetString()!))).ToArray();
                var offset = 0;
                foreach (var entry in group.GetProperty("weights").EnumerateArray())
                {
                    var tensor = Decode(entry, data, ref offset, manifestPath);
                    tensors[tensor.Name] = tensor;
                }
                if (offset != data.Length)
                    throw new FaceLabException($"{manifestPath}: shards hold {data.Length} bytes but the manifest describes {offset}");
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new FaceLabException($"{manifestPath}: cannot read the TF.js weights ({(e is JsonException json ? JsonErrors.Reason(json) : e.Message)})", e);
        }
        return new TfjsWeights(manifestPath, tensors);
    }

    private static TfjsTensor Decode(JsonElement entry, byte[] data, ref int offset, string manifestPath)
    {
        var name = entry.GetProperty("name").GetString()!;
        var shape = entry.GetProperty("shape").EnumerateArray().Select(e => e.GetInt32()).ToArray();
        var count = shape.Aggregate(1, (a, b) => checked(a * b));
        var dtype = entry.TryGetProperty("dtype", out var d) ? d.GetString() : "float32";
        if (dtype != "float32") throw new FaceLabException($"{manifestPath}: weight '{name}' has dtype {dtype}; only float32 is supported");
        var values = new float[count];

        if (entry.TryGetProperty("quantization", out var q))
        {
            var qtype = q.GetProperty("dtype").GetString();
            var scale = q.GetProperty("scale").GetSingle();
            var min = q.GetProperty("min").GetSingle();
            var width = qtype switch
            {
                "uint8" => 1,
                "uint16" => 2,
                _ => throw new FaceLabException($"{manifestPath}: weight '{name}' uses {qtype} quantisation; only uint8 and uint16 are supported"),
            };
            Need(data, offset, count * width, name, manifestPath);
            for (var i = 0; i < count; i++)
            {
                var stored = width == 1 ? data[offset + i] : BitConverter.ToUInt16(data, offset + 2 * i);
                values[i] = stored * scale + min;
            }
            offset += count * width;
        }
        else
        {
            Need(data, offset, count * 4, name, manifestPath);
            Buffer.BlockCopy(data, offset, values, 0, count * 4);
            offset += count * 4;
        }
        return new TfjsTensor(name, shape, values);
    }

    private static void Need(byte[] data, int offset, int bytes, string name, string manifestPath)
    {
        if (offset + bytes > data.Length)
            throw new FaceLabException($"{manifestPath}: shards end inside weight '{name}' (truncated download?)");
    }
}
