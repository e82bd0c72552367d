using System.Diagnostics;
using System.Globalization;
using System.Text;
using FaceLab.Common;

namespace FaceLab.Bench;

/// <summary>
/// Runs every benchmark with its standard arguments, one after another, and writes
/// bench/RESULTS.md: the machine and versions, then per benchmark its method, how it was run, how
/// long it took, the load average around it (this machine is shared), and its figures. The file is
/// rewritten after each benchmark, so a suite stopped part-way keeps what it measured.
/// </summary>
public static class BenchSuite
{
    public static async Task<int> RunAsync(IReadOnlyList<IBenchmark> benchmarks, string output, CancellationToken ct)
    {
        var head = new StringBuilder();
        head.AppendLine("# Benchmark results");
        head.AppendLine();
        head.AppendLine(CultureInfo.InvariantCulture, $"Written by `dotnet run -c Release --project bench/FaceLab.Bench -- suite` on {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC; every figure below is that run's output. Methods are the benchmarks' own (their class summaries); bench/README.md says what each figure is for.");
        head.AppendLine();
        foreach (var line in MachineDescription.Lines()) head.AppendLine(line);
        var sections = new List<string>();
        var failed = 0;
        foreach (var benchmark in benchmarks)
        {
            ct.ThrowIfCancellationRequested();
            var section = new StringBuilder();
            section.AppendLine(CultureInfo.InvariantCulture, $"## {benchmark.Name} — {benchmark.Description}");
            section.AppendLine();
            section.AppendLine(CultureInfo.InvariantCulture, $"Method: {BenchmarkMethods.Of(benchmark)}");
            section.AppendLine();
            var run = string.Join(' ', [benchmark.Name, .. benchmark.SuiteArguments]);
            var load = MachineDescription.LoadAverage();
            var clock = Stopwatch.StartNew();
            using var figures = new StringWriter();
            Console.WriteLine($"\nsuite: {run}");
            try
            {
                await benchmark.RunAsync(benchmark.SuiteArguments, new EchoingWriter(figures), ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                failed++;
                figures.WriteLine($"\n**Failed**: {e.GetType().Name}: {e.Message}");
            }
            section.AppendLine(CultureInfo.InvariantCulture, $"Run: `{run}`, {clock.Elapsed.TotalMinutes:0.0} min; load average {load} before, {MachineDescription.LoadAverage()} after.");
            section.AppendLine();
            section.AppendLine(figures.ToString().TrimEnd());
            sections.Add(section.ToString());
            AtomicOutput.WriteAllBytes(output, Encoding.UTF8.GetBytes(head + "\n" + string.Join("\n", sections)));
        }
        Console.WriteLine($"\nsuite: {benchmarks.Count - failed} benchmarks written to {output}, {failed} failed");
        return failed == 0 ? 0 : 1;
    }

    /// <summary>Collects a benchmark's report and shows it live.</summary>
    private sealed class EchoingWriter(TextWriter captured) : TextWriter
    {
        public override Encoding Encoding => Encoding.UTF8;

        public override void Write(char value)
        {
            captured.Write(value);
            Console.Write(value);
        }

        public override void Write(string? value)
        {
            captured.Write(value);
            Console.Write(value);
        }

        public override void WriteLine(string? value)
        {
            captured.WriteLine(value);
            Console.WriteLine(value);
        }
    }
}
