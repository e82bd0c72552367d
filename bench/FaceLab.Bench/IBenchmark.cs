namespace FaceLab.Bench;

/// <summary>
/// One benchmark: measures and prints a Markdown table (the figures that go into bench/RESULTS.md);
/// its class summary is its method, printed beside its figures.
/// Implementations are found by reflection, so adding a benchmark is adding a class.
/// </summary>
public interface IBenchmark
{
    /// <summary>Name on the command line: <c>dotnet run -c Release --project bench/FaceLab.Bench -- NAME</c>.</summary>
    string Name { get; }

    string Description { get; }

    /// <summary>The arguments of its standard run, which the suite uses (bench/RESULTS.md).</summary>
    string[] SuiteArguments => [];

    Task RunAsync(string[] args, TextWriter report, CancellationToken ct);
}
