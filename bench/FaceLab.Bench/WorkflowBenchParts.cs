using System.Diagnostics;
using System.Globalization;
using FaceLab.Common;
using FaceLab.Evaluation;
using FaceLab.Workflow;

namespace FaceLab.Bench;

/// <summary>What the benches that drive <see cref="SwapWorkflow"/> share: a workspace copy and a quiet reporter.</summary>
internal static class WorkflowBenchParts
{
    /// <summary>A copy that keeps modification times, so the copied faces' extraction journal still matches its frames.</summary>
    public static void CopyTree(string from, string to)
    {
        using var cp = Process.Start("cp", ["-a", from, to]);
        cp.WaitForExit();
        if (cp.ExitCode != 0) throw new FaceLabException(from, $"could not be copied to {to}", null);
    }

    /// <summary>The header cells of <see cref="EvaluationCells"/>.</summary>
    public static string EvaluationHeader { get; } = string.Join(" | ", EvaluationColumns.Names);

    /// <summary>The evaluation of a workflow run as table cells, as the batch summary shows it.</summary>
    public static string EvaluationCells(EvaluationReport e) => string.Join(" | ", EvaluationColumns.Cells(e));
}

/// <summary>Prints the workflow's lines with the bench's name and hands each to <paramref name="heard"/>; the training log goes nowhere.</summary>
internal sealed class QuietWorkflowReporter(string bench, Action<string>? heard = null) : IWorkflowReporter
{
    public TextWriter TrainingLog => TextWriter.Null;

    public void Say(string line)
    {
        Console.WriteLine($"{bench}: {line}");
        heard?.Invoke(line);
    }

    public Task<T> TrackAsync<T>(Func<IProgress<OperationProgress>, Task<T>> work) => work(new Progress<OperationProgress>());
}
