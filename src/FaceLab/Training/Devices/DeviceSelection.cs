using System.Globalization;
using FaceLab.Common;

namespace FaceLab.Training.Devices;

/// <summary>
/// Where to train, as the user says it (<c>--device cpu|best|0,1</c>): the CPU (default), the best
/// GPU, or a list of GPU indices that split each batch between them.
/// </summary>
public sealed record DeviceSelection
{
    private DeviceSelection(DeviceKind kind, IReadOnlyList<int> gpus)
    {
        Kind = kind;
        GpuIndices = gpus;
    }

    /// <summary>Which kind of device was asked for.</summary>
    public DeviceKind Kind { get; }

    /// <summary>The chosen GPUs for <see cref="DeviceKind.Gpus"/>; empty otherwise.</summary>
    public IReadOnlyList<int> GpuIndices { get; }

    /// <summary>Train on the CPU.</summary>
    public static DeviceSelection Cpu { get; } = new(DeviceKind.Cpu, []);

    /// <summary>Train on the GPU with the most memory.</summary>
    public static DeviceSelection Best { get; } = new(DeviceKind.Best, []);

    /// <summary>Train on these GPUs, each batch split between them.</summary>
    public static DeviceSelection Gpus(params int[] indices) =>
        indices.Length > 0 && indices.All(i => i >= 0) && indices.Distinct().Count() == indices.Length
            ? new(DeviceKind.Gpus, indices)
            : throw new FaceLabException($"GPU indices {string.Join(",", indices)}", "must be distinct and non-negative", "give each GPU once, numbered from 0, such as 0,1");

    /// <summary>Parses <c>cpu</c>, <c>best</c> or comma-separated GPU indices.</summary>
    public static DeviceSelection Parse(string text)
    {
        var t = text.Trim().ToLowerInvariant();
        if (t == "cpu") return Cpu;
        if (t == "best") return Best;
        var parts = t.Split(',', StringSplitOptions.TrimEntries);
        var indices = new int[parts.Length];
        for (var i = 0; i < parts.Length; i++)
            if (!int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out indices[i]))
                throw new FaceLabException($"device '{text}'", "unknown device", "give cpu, best or GPU indices such as 0,1");
        return Gpus(indices);
    }

    /// <summary>The selection as <see cref="Parse"/> reads it.</summary>
    public override string ToString() => Kind switch
    {
        DeviceKind.Cpu => "cpu",
        DeviceKind.Best => "best",
        _ => string.Join(",", GpuIndices),
    };
}

/// <summary>The kinds of device selection.</summary>
public enum DeviceKind
{
    /// <summary>The CPU.</summary>
    Cpu,
    /// <summary>The GPU with the most memory.</summary>
    Best,
    /// <summary>GPUs given by index.</summary>
    Gpus,
}
