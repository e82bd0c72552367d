using FaceLab.Common;
using Spectre.Console;

namespace FaceLab.Cli.Rendering;

/// <summary>
/// Shows progress of long operations: live bars with count, rate and time left on a terminal;
/// plain lines every few seconds when output is redirected (CI, logs), where Spectre draws nothing.
/// </summary>
internal static class ProgressDisplay
{
    /// <summary>As <see cref="RunAsync{T}(CliConsole, Func{IProgress{OperationProgress}, Task{T}})"/> on the process's console.</summary>
    public static Task<T> RunAsync<T>(Func<IProgress<OperationProgress>, Task<T>> work) => RunAsync(CliConsole.Standard, work);

    public static async Task<T> RunAsync<T>(CliConsole console, Func<IProgress<OperationProgress>, Task<T>> work)
    {
        if (!console.IsInteractive)
            return await work(new PlainProgressLines(console.Out.Profile.Out.Writer));

        T result = default!;
        var units = new ProgressUnits();
        await console.Out.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(
                new TaskDescriptionColumn(),
                new ProgressBarColumn(),
                new PercentageColumn(),
                new CountColumn(units),
                new RateColumn(units),
                new RemainingTimeColumn(),
                new SpinnerColumn())
            .StartAsync(async ctx => result = await work(new SpectreProgress(ctx, units)));
        return result;
    }

    /// <summary>Maps progress reports to Spectre tasks, one per stage.</summary>
    private sealed class SpectreProgress(ProgressContext context, ProgressUnits units) : IProgress<OperationProgress>
    {
        private readonly Dictionary<string, ProgressTask> _tasks = [];

        public void Report(OperationProgress value)
        {
            lock (_tasks)
            {
                if (!_tasks.TryGetValue(value.Stage, out var task))
                {
                    task = context.AddTask(Markup.Escape(value.Stage), autoStart: true, maxValue: Math.Max(1, value.Total ?? 1));
                    units.Set(task, value.Unit);
                    task.IsIndeterminate = value.Total is null;
                    _tasks[value.Stage] = task;
                }
                if (value.Total is { } total) task.MaxValue = Math.Max(1, total);
                task.Value = value.Done;
                if (value.Total is { } t && value.Done >= t) task.StopTask();
            }
        }
    }
}

/// <summary>Prints "stage: done/total unit (pct), rate, ETA" at most every two seconds per stage and once at the end.</summary>
internal sealed class PlainProgressLines(TextWriter output) : IProgress<OperationProgress>
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);
    private readonly Dictionary<string, (DateTime Start, DateTime LastPrinted, bool Finished)> _stages = [];

    public void Report(OperationProgress value)
    {
        lock (_stages)
        {
            var now = DateTime.UtcNow;
            if (!_stages.TryGetValue(value.Stage, out var s)) s = (now, DateTime.MinValue, false);
            var finished = value.Total is { } total && value.Done >= total && value.Done > 0;
            if (s.Finished || (!finished && now - s.LastPrinted < Interval))
            {
                _stages[value.Stage] = s;
                return;
            }
            output.WriteLine(ProgressText.Format(value, now - s.Start));
            _stages[value.Stage] = (s.Start, now, finished);
        }
    }
}

internal static class ProgressText
{
    public static string Format(OperationProgress p, TimeSpan elapsed)
    {
        var rate = elapsed.TotalSeconds > 0.05 ? p.Done / elapsed.TotalSeconds : 0;
        var count = p.Total is { } total ? $"{p.Done}/{total} {p.Unit} ({100.0 * p.Done / Math.Max(1, total):0}%)" : $"{p.Done} {p.Unit}";
        var eta = p.Total is { } t && rate > 0 ? $", ETA {TimeSpan.FromSeconds(Math.Max(0, (t - p.Done) / rate)):hh\\:mm\\:ss}" : "";
        return $"{p.Stage}: {count}, {rate:0.0} {p.Unit}/s{eta}";
    }
}
