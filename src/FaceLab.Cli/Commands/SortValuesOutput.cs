using FaceLab.Cli.Rendering;
using System.Globalization;
using FaceLab.FaceSets.Sorting;

namespace FaceLab.Cli.Commands;

/// <summary>
/// After <c>faces sort</c>: the values the faces were sorted by (the first and last few, and a
/// summary), so a <c>--trash-below</c>/<c>--trash-above</c> threshold can be chosen from real numbers.
/// </summary>
internal static class SortValuesOutput
{
    private const int Shown = 3;

    public static void Write(CliConsole console, FaceSortReport report)
    {
        var values = report.Values;
        if (values.Count == 0) return;
        var kept = values.Where(v => !v.Trashed).ToList();
        if (kept.Count > 0)
        {
            var ends = kept.Count <= 2 * Shown
                ? Format(kept)
                : $"{Format(kept.Take(Shown))} … {Format(kept.TakeLast(Shown))}";
            console.Line($"faces: {report.Method} values in the new order: {ends}");
        }
        var sorted = values.Select(v => v.Value).Order().ToList();
        console.Line(string.Create(CultureInfo.InvariantCulture,
            $"faces: {report.Method} values of all {sorted.Count} faces: min {sorted[0]:0.###}, 10% {Quantile(sorted, 0.1):0.###}, median {Quantile(sorted, 0.5):0.###}, 90% {Quantile(sorted, 0.9):0.###}, max {sorted[^1]:0.###}"));
    }

    private static string Format(IEnumerable<SortedFaceValue> values) =>
        string.Join(", ", values.Select(v => string.Create(CultureInfo.InvariantCulture, $"{v.Name} {v.Value:0.###}")));

    private static double Quantile(List<double> sorted, double q) => sorted[(int)Math.Round(q * (sorted.Count - 1))];
}
