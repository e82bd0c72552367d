namespace FaceLab.Imaging.ColorTransfer;

/// <summary>The colour transfer modes by their CLI names (DeepFaceLab's): none, rct, lct, mkl, idt, sot.</summary>
public static class ColorTransfers
{
    public const string None = "none";

    public static IReadOnlyList<string> Names { get; } = [None, "rct", "lct", "mkl", "idt", "sot"];

    /// <summary>A new transfer with its default options; unknown names throw with the list of known ones.</summary>
    public static IColorTransfer Create(string name) => name.Trim().ToLowerInvariant() switch
    {
        None => new NoColorTransfer(),
        "rct" => new ReinhardColorTransfer(),
        "lct" => new LinearColorTransfer(),
        "mkl" => new MongeKantorovichColorTransfer(),
        "idt" => new IterativeDistributionTransfer(),
        "sot" => new SlicedOptimalTransport(),
        _ => throw new ArgumentException($"unknown colour transfer '{name}'; expected one of: {string.Join(", ", Names)}", nameof(name)),
    };

    public static bool IsNone(string name) => string.Equals(name.Trim(), None, StringComparison.OrdinalIgnoreCase);
}
