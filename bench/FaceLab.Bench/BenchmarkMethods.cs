using System.Reflection;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace FaceLab.Bench;

/// <summary>
/// Each benchmark's method is its class summary, kept once beside the code that implements it
/// and read back from the compiler's documentation file, so what RESULTS.md says was measured is
/// what the code does.
/// </summary>
public static partial class BenchmarkMethods
{
    private static readonly Lazy<Dictionary<string, string>> Summaries = new(Load);

    public static string Of(IBenchmark benchmark) =>
        Summaries.Value.TryGetValue("T:" + benchmark.GetType().FullName, out var text) ? text : benchmark.Description;

    private static Dictionary<string, string> Load()
    {
        var file = Path.ChangeExtension(Assembly.GetExecutingAssembly().Location, ".xml");
        if (!File.Exists(file)) return [];
        return XDocument.Load(file).Descendants("member")
            .Where(m => m.Element("summary") is not null)
            .ToDictionary(m => (string)m.Attribute("name")!, m => Text(m.Element("summary")!), StringComparer.Ordinal);
    }

    /// <summary>Summary XML as Markdown: code as backticks, references as their short names, one line.</summary>
    private static string Text(XElement summary)
    {
        var parts = summary.Nodes().Select(n => n switch
        {
            XText t => t.Value,
            XElement { Name.LocalName: "c" } c => $"`{c.Value}`",
            XElement { Name.LocalName: "see" } s => $"`{((string?)s.Attribute("cref") ?? "").Split('.', ':')[^1]}`",
            XElement e => e.Value,
            _ => "",
        });
        return Whitespace().Replace(string.Concat(parts), " ").Trim();
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
