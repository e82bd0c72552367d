using System.Reflection;
using FaceLab.Bench;

var benchmarks = Assembly.GetExecutingAssembly().GetTypes()
    .Where(t => typeof(IBenchmark).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false })
    .Select(t => (IBenchmark)Activator.CreateInstance(t)!)
    .OrderBy(b => b.Name, StringComparer.Ordinal)
    .ToList();

if (args.Length == 0 || args[0] is "-h" or "--help")
{
    Console.WriteLine("usage: dotnet run -c Release --project bench/FaceLab.Bench -- NAME [args] | all | suite [NAME...]");
    Console.WriteLine("  suite                  every benchmark (or the NAMEs) with its standard arguments, written to bench/RESULTS.md");
    foreach (var b in benchmarks) Console.WriteLine($"  {b.Name,-22} {b.Description}");
    return 0;
}

using var cts = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cts.Cancel(); };
if (args[0] == "suite")
{
    var only = args[1..];
    var unknown = only.Where(n => benchmarks.All(b => b.Name != n)).ToList();
    if (unknown.Count > 0)
    {
        Console.Error.WriteLine($"bench: unknown benchmark '{unknown[0]}'");
        return 2;
    }
    var suite = only.Length == 0 ? benchmarks : benchmarks.Where(b => only.Contains(b.Name)).ToList();
    return await BenchSuite.RunAsync(benchmarks, suite, Path.Combine(BenchPaths.RepositoryRoot, "bench", "RESULTS.md"), cts.Token);
}
var chosen = args[0] == "all" ? benchmarks : benchmarks.Where(b => b.Name == args[0]).ToList();
if (chosen.Count == 0)
{
    Console.Error.WriteLine($"bench: unknown benchmark '{args[0]}'");
    return 2;
}
Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
foreach (var b in chosen)
{
    Console.WriteLine($"\n## {b.Name}: {b.Description}\n");
    await b.RunAsync(args[1..], Console.Out, cts.Token);
}
return 0;
