using System.Diagnostics;
using System.Globalization;
using System.Text;
using FaceLab.Common;

namespace FaceLab.Bench;

/// <summary>
/// Runs benchmarks with their standard arguments, one after another, and writes bench/RESULTS.md:
/// the machine and versions, then per benchmark its method, when and how it was run, how long it
/// took, the load average around it (this machine is shared), and its figures. A run of some
/// benchmarks replaces their sections and keeps the others' (each section says when it ran). The
/// file is rewritten after each benchmark, so a suite stopped part-way keeps what it measured.
/// </summary>
public static class BenchSuite
{
    public static async Task<int> RunAsync(IReadOnlyList<IBenchmark> all, IReadOnlyList<IBenchmark> benchmarks, string output, CancellationToken ct)
    {
        var head = new StringBuilder();
        head.AppendLine("# Benchmark results");
        head.AppendLine();
        head.AppendLine(CultureInfo.InvariantCulture, $"Written by `bench/suite.sh` (`dotnet run -c Release --project bench/FaceLab.Bench -- suite [NAME...]`), last on {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC on the machine below; every figure is a benchmark's output, and each section says when it ran. Methods are the benchmarks' own (their class summaries); bench/README.md says what each figure is for.");
        head.AppendLine();
        foreach (var line in MachineDescription.Lines()) head.AppendLine(line);
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
            section.AppendLine(CultureInfo.InvariantCulture, $"Run: `{run}` on {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {clock.Elapsed.TotalMinutes:0.0} min; load average {load} before, {MachineDescription.LoadAverage()} after.");
            section.AppendLine();
            section.AppendLine(figures.ToString().TrimEnd());
            // Read again before writing: another suite run (another benchmark) may have written its section meanwhile.
            var sections = ExistingSections(output, all);
            sections[benchmark.Name] = section.ToString();
            var ordered = all.Where(b => sections.ContainsKey(b.Name)).Select(b => sections[b.Name]);
            AtomicOutput.WriteAllBytes(output, Encoding.UTF8.GetBytes(head + "\n" + string.Join("\n", ordered)));
        }
        Console.WriteLine($"\nsuite: {benchmarks.Count - failed} benchmarks written to {output}, {failed} failed");
        return failed == 0 ? 0 : 1;
    }

    /// <summary>The sections of an earlier RESULTS.md by benchmark name (<c>## NAME — ...</c>), for benchmarks that still exist.</summary>
    private static Dictionary<string, string> ExistingSections(string output, IReadOnlyList<IBenchmark> all)
    {
        var sections = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!File.Exists(output)) return sections;
        string? name = null;
        var text = new StringBuilder();
        foreach (var line in File.ReadLines(output).Append("## end"))
        {
            if (!line.StartsWith("## ", StringComparison.Ordinal))
            {
                if (name is not null) text.AppendLine(line);
                continue;
            }
            if (name is not null && all.Any(b => b.Name == name)) sections[name] = text.ToString().TrimEnd() + "\n";
            name = line[3..].Split(" — ")[0];
            text.Clear().AppendLine(line);
        }
        return sections;
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
