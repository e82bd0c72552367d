using System.Text.Json;
using FaceLab.Common;

namespace FaceLab.Faces.Networks;

/// <summary>One named weight tensor of a TF.js model, dequantised to float32, row-major in TF's layout (filters HWIO).</summary>
internal sealed record TfjsTensor(string Name, int[] Shape, float[] Values);

/// <summary>
/// Loads TF.js layers/graph weights: a <c>*-weights_manifest.json</c> listing groups of shard files
/// and, per group, the tensors stored back to back in those shards. Quantised tensors (uint8 or
/// uint16) decode as value = q·scale + min. face-api.js's landmark, recognition and MTCNN nets all
/// ship in this format.
/// </summary>
internal sealed class TfjsWeights
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
            : throw new FaceLabException(ManifestPath, $"has no weight '{name}'", $"check that it is the right model, or reinstall it with {Assets.AssetStore.InstallCommand}");

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
                    .SelectMany(p => File.ReadAllBytes(Path.Combine(folder, ShardName(p, manifestPath)))).ToArray();
                var offset = 0;
                foreach (var entry in group.GetProperty("weights").EnumerateArray())
                {
                    var tensor = Decode(entry, data, ref offset, manifestPath);
                    tensors[tensor.Name] = tensor;
                }
                if (offset != data.Length)
                    throw new FaceLabException(manifestPath, $"shards hold {data.Length} bytes but the manifest describes {offset}", $"reinstall the model with {Assets.AssetStore.InstallCommand}");
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new FaceLabException(manifestPath, $"cannot read the TF.js weights: {(e is JsonException json ? JsonErrors.Reason(json) : e.Message)}", $"reinstall the model with {Assets.AssetStore.InstallCommand}", e);
        }
        return new TfjsWeights(manifestPath, tensors);
    }

    private static TfjsTensor Decode(JsonElement entry, byte[] data, ref int offset, string manifestPath)
    {
        var name = entry.GetProperty("name").GetString()
            ?? throw new FaceLabException(manifestPath, "a weight has no name", $"reinstall the model with {Assets.AssetStore.InstallCommand}");
        var shape = entry.GetProperty("shape").EnumerateArray()
            .Select(e => e.TryGetInt32(out var d) && d >= 0 ? d : throw new FaceLabException(manifestPath, $"weight '{name}' has a bad shape", $"reinstall the model with {Assets.AssetStore.InstallCommand}"))
            .ToArray();
        var dtype = entry.TryGetProperty("dtype", out var d) ? d.GetString() : "float32";
        if (dtype != "float32") throw new FaceLabException(manifestPath, $"weight '{name}' has dtype {dtype}; only float32 is supported", $"reinstall the model with {Assets.AssetStore.InstallCommand}");
        var quantized = entry.TryGetProperty("quantization", out var q);
        var width = !quantized ? 4 : q.GetProperty("dtype").GetString() switch
        {
            "uint8" => 1,
            "uint16" => 2,
            var qtype => throw new FaceLabException(manifestPath, $"weight '{name}' uses {qtype} quantisation; only uint8 and uint16 are supported", $"reinstall the model with {Assets.AssetStore.InstallCommand}"),
        };
        // The shards bound the size before anything is allocated: a hostile shape costs nothing.
        var count = 1L;
        foreach (var dim in shape)
        {
            count *= dim; // at most the shard length times int.MaxValue: no overflow
            Need(data, offset, count > data.Length ? long.MaxValue : count * width, name, manifestPath);
        }
        var values = new float[count];
        if (quantized)
        {
            var scale = q.GetProperty("scale").GetSingle();
            var min = q.GetProperty("min").GetSingle();
            for (var i = 0; i < count; i++)
            {
                var stored = width == 1 ? data[offset + i] : BitConverter.ToUInt16(data, offset + 2 * i);
                values[i] = stored * scale + min;
            }
        }
        else
        {
            Buffer.BlockCopy(data, offset, values, 0, (int)count * 4);
        }
        offset += (int)count * width;
        return new TfjsTensor(name, shape, values);
    }

    /// <summary>A shard beside the manifest: a plain file name, never a path that leads elsewhere.</summary>
    private static string ShardName(JsonElement path, string manifestPath)
    {
        var name = path.GetString();
        if (string.IsNullOrEmpty(name) || name != Path.GetFileName(name) || name is "." or "..")
            throw new FaceLabException(manifestPath, $"shard path '{name}' is not a file beside the manifest", $"reinstall the model with {Assets.AssetStore.InstallCommand}");
        return name;
    }

    private static void Need(byte[] data, int offset, long bytes, string name, string manifestPath)
    {
        if (bytes > data.Length - offset)
            throw new FaceLabException(manifestPath, $"shards end inside weight '{name}'; the download may be truncated", $"reinstall the model with {Assets.AssetStore.InstallCommand}");
    }
}
