using FaceLab.Common;

namespace FaceLab.Imaging.ColorTransfer;

/// <summary>
/// The colour transfer modes by their CLI names (DeepFaceLab's): none, rct, lct, mkl, idt, sot and
/// the masked merge variants mkl-m, idt-m, sot-m, mix-m. Training and merging share these.
/// </summary>
public static class ColorTransfers
{
    /// <summary>The name of no colour transfer.</summary>
    public const string None = "none";

    /// <summary>Every mode, in the order users see them.</summary>
    public static Registry<ColorTransferMode> Modes { get; } = new("colour transfer",
    [
        new(None, Masked: false, () => new NoColorTransfer()),
        new("rct", Masked: true, () => new ReinhardColorTransfer()),
        new("lct", Masked: false, () => new LinearColorTransfer()),
        new("mkl", Masked: false, () => new MongeKantorovichColorTransfer()),
        new("mkl-m", Masked: true, () => new MongeKantorovichColorTransfer()),
        new("idt", Masked: false, () => new IterativeDistributionTransfer()),
        new("idt-m", Masked: true, () => new IterativeDistributionTransfer()),
        new("sot", Masked: false, () => new SlicedOptimalTransport()),
        new("sot-m", Masked: true, () => new SlicedOptimalTransport()),
        new("mix-m", Masked: true, () => new MixedColorTransfer()),
    ], m => m.Name);

    /// <summary>The names in listing order.</summary>
    public static IReadOnlyList<string> Names => Modes.Names;

    /// <summary>A new transfer with its default options; unknown names throw with the list of known ones.</summary>
    public static IColorTransfer Create(string name) => Modes.Get(name.Trim()).Create();

    /// <summary>Whether <paramref name="name"/> means no colour transfer.</summary>
    public static bool IsNone(string name) => string.Equals(name.Trim(), None, StringComparison.OrdinalIgnoreCase);
}

/// <summary>
/// A named colour transfer. <paramref name="Masked"/>: the merger hands it the face masks, so
/// only face pixels shape the statistics on both sides (rct always does, as in DeepFaceLab).
/// </summary>
public sealed record ColorTransferMode(string Name, bool Masked, Func<IColorTransfer> Create);
