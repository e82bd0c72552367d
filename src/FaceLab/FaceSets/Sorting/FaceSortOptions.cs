namespace FaceLab.FaceSets.Sorting;

/// <summary>Options of <c>facelab faces sort</c>. Defaults in brackets.</summary>
public sealed record FaceSortOptions
{
    /// <summary>Keep this many faces (the first of the new order, or <c>best</c>'s choice) and trash the rest [null: keep all; required by best].</summary>
    public int? Count { get; init; }

    /// <summary>Trash faces whose method value is below this (methods with a per-face value only) [null: none].</summary>
    public double? TrashBelow { get; init; }

    /// <summary>Trash faces whose method value is above this [null: none].</summary>
    public double? TrashAbove { get; init; }

    /// <summary>Worker threads for the features and the histogram orderings [all cores].</summary>
    public int Workers { get; init; } = Environment.ProcessorCount;

    /// <summary>Test hook: called after each rename step with the phase name and the steps done; throwing simulates a crash.</summary>
    internal Action<string, int>? AfterRenameStep { get; init; }
}
