using FaceLab.Common;

namespace FaceLab.Merging;

/// <summary>The names users choose merge settings by (DeepFaceLab's spelling).</summary>
public static class MergeNames
{
    /// <summary>Merge modes by their DeepFaceLab names.</summary>
    public static Registry<MergeMode> Modes { get; } = new("merge mode",
    [
        ("original", MergeMode.Original),
        ("overlay", MergeMode.Overlay),
        ("hist-match", MergeMode.HistMatch),
        ("hist-match-bw", MergeMode.HistMatchBw),
        ("seamless", MergeMode.Seamless),
        ("seamless-hist-match", MergeMode.SeamlessHistMatch),
        ("raw-rgb", MergeMode.RawRgb),
        ("raw-predict", MergeMode.RawPredict),
        ("puppet", MergeMode.Puppet),
    ]);

    /// <summary>Mask modes by name.</summary>
    public static Registry<MaskMode> Masks { get; } = new("mask mode",
    [
        ("dst", MaskMode.Destination),
        ("learned-prd", MaskMode.LearnedPredicted),
        ("learned-dst", MaskMode.LearnedDestination),
        ("learned-prd*learned-dst", MaskMode.LearnedProduct),
        ("learned-prd+learned-dst", MaskMode.LearnedSum),
        ("full", MaskMode.Full),
    ]);

    /// <summary>Sharpen modes by name.</summary>
    public static Registry<SharpenMode> Sharpening { get; } = new("sharpen mode",
    [
        ("none", SharpenMode.None),
        ("box", SharpenMode.Box),
        ("gaussian", SharpenMode.Gaussian),
    ]);

    /// <summary>The registered name of <paramref name="item"/>.</summary>
    public static string NameOf<T>(Registry<T> registry, T item) where T : struct, Enum
    {
        var items = registry.Items;
        for (var i = 0; i < items.Count; i++)
            if (EqualityComparer<T>.Default.Equals(items[i], item)) return registry.Names[i];
        throw new ArgumentOutOfRangeException(nameof(item), item, $"not a registered {registry.Kind}");
    }
}
