using System.Globalization;
using System.Text;
using System.Text.Json;
using FaceLab.Common;
using FaceLab.Evaluation;

namespace FaceLab.Workflow;

/// <summary>Where a pair of a batch stands by its result file.</summary>
public enum BatchPairState
{
    /// <summary>Its last run with the current settings finished every step.</summary>
    Done,

    /// <summary>Its last run with the current settings failed.</summary>
    Failed,

    /// <summary>No result with the current settings: never run, interrupted, or its settings changed.</summary>
    Pending,
}

/// <summary>One pair's row of a batch summary: where it stands and its result with the current settings.</summary>
/// <param name="Pair">The pair.</param>
/// <param name="State">Where it stands.</param>
/// <param name="Result">Its result with the current settings, or null.</param>
public sealed record BatchSummaryRow(BatchPair Pair, BatchPairState State, BatchPairResult? Result);

/// <summary>
/// Every pair's result and evaluation in one table, read from the pairs' result files: on the
/// console, and as <c>summary.md</c> and <c>summary.json</c> beside the workspaces once every pair finished.
/// </summary>
public static class BatchSummary
{
    /// <summary>The table's column headers: the pair, its state, the training, then the evaluation's.</summary>
    public static IReadOnlyList<string> Columns { get; } = ["pair", "status", "iterations", "training min", "run min", .. EvaluationColumns.Names];

    /// <summary>Every pair of <paramref name="manifest"/> by its result file.</summary>
    public static IReadOnlyList<BatchSummaryRow> Read(BatchManifest manifest) => [.. manifest.Pairs.Select(pair =>
    {
        var result = BatchPairResult.Load(pair.Workspace);
        if (result is null || result.Settings != pair.Settings) return new BatchSummaryRow(pair, BatchPairState.Pending, null);
        return new BatchSummaryRow(pair, result.Outcome == BatchPairOutcome.Done ? BatchPairState.Done : BatchPairState.Failed, result);
    })];

    /// <summary>The cells of <paramref name="row"/> under <see cref="Columns"/>, with <paramref name="state"/> in place of its own when given (a queued task).</summary>
    public static IReadOnlyList<string> Cells(BatchSummaryRow row, string? state = null)
    {
        var r = row.Result;
        string Number(double? value, string format) => value?.ToString(format, CultureInfo.InvariantCulture) ?? "";
        var evaluation = r?.Evaluation is { } e ? EvaluationColumns.Cells(e) : EvaluationColumns.Names.Select(_ => "").ToList();
        return [row.Pair.Name, state ?? row.State.ToString().ToLowerInvariant(), Number(r?.Iteration, "0"), Number(r?.TrainedMinutes, "0.0"),
            Number(r?.Seconds / 60, "0.0"), .. evaluation];
    }

    /// <summary>A markdown table of <paramref name="rows"/> under <paramref name="columns"/>.</summary>
    public static string Table(IReadOnlyList<string> columns, IEnumerable<IReadOnlyList<string>> rows)
    {
        var text = new StringBuilder();
        text.Append("| ").AppendJoin(" | ", columns).Append(" |\n|").AppendJoin("", columns.Select(_ => "---|")).Append('\n');
        foreach (var row in rows) text.Append("| ").AppendJoin(" | ", row).Append(" |\n");
        return text.ToString();
    }

    /// <summary>The rows as a markdown table, then each failed pair's error.</summary>
    public static string Markdown(IReadOnlyList<BatchSummaryRow> rows)
    {
        var text = new StringBuilder(Table(Columns, rows.Select(r => Cells(r))));
        foreach (var row in rows.Where(r => r.State == BatchPairState.Failed))
            text.Append('\n').Append(row.Pair.Name).Append(" failed: ").Append(row.Result!.Error).Append('\n');
        return text.ToString();
    }

    /// <summary>
    /// Writes <c>summary.md</c> and <c>summary.json</c> when no pair is pending (every pair done or
    /// failed); returns whether it did.
    /// </summary>
    public static bool WriteWhenFinished(BatchManifest manifest)
    {
        var rows = Read(manifest);
        if (rows.Any(r => r.State == BatchPairState.Pending)) return false;
        Directory.CreateDirectory(manifest.Workspaces);
        AtomicOutput.WriteAllBytes(manifest.SummaryMarkdown, Encoding.UTF8.GetBytes($"# Batch {Path.GetFileName(manifest.File)}\n\n" + Markdown(rows)));
        AtomicOutput.WriteAllBytes(manifest.SummaryJson, JsonSerializer.SerializeToUtf8Bytes(rows.Select(r => r.Result).ToList(), BatchPairResult.Json));
        return true;
    }
}
