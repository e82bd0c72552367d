using System.Globalization;

namespace FaceLab.Evaluation;

/// <summary>An evaluation's main figures as table columns, one row per swap (a batch's summary, the benches' tables).</summary>
public static class EvaluationColumns
{
    /// <summary>The column headers.</summary>
    public static IReadOnlyList<string> Names { get; } =
        ["ID retrieval", "verified as src", "dist. to src / dst", "pose error °", "expression error", "SSIM", "sharpness ratio", "flicker ratio"];

    /// <summary>The cells of <paramref name="e"/> under <see cref="Names"/>; a figure not measured is empty.</summary>
    public static IReadOnlyList<string> Cells(EvaluationReport e) =>
    [
        Cell(e.Identity.IdRetrieval, "0.00"),
        Cell(e.Identity.SourceVerified, "0.00"),
        $"{Cell(e.Identity.DistanceToSource, "0.00")} / {Cell(e.Identity.DistanceToDestination, "0.00")}",
        Cell(e.PoseError.Mean, "0.00"),
        Cell(e.ExpressionError, "0.000"),
        Cell(e.Reconstruction?.Ssim, "0.000"),
        Cell(e.SharpnessRatio, "0.00"),
        Cell(e.FlickerRatio, "0.00"),
    ];

    private static string Cell(double? value, string format) => value?.ToString(format, CultureInfo.InvariantCulture) ?? "";
}
