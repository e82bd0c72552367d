using System.Globalization;
using System.Text.Json;

namespace FaceLab.Common;

/// <summary>
/// One short reason for a JSON file that cannot be read, built from the exception's position
/// rather than its message (which names .NET types and runs to several sentences).
/// </summary>
internal static class JsonErrors
{
    /// <summary>E.g. <c>not valid JSON at $.landmarks[3] (line 4)</c>, or <c>not valid JSON</c> when the position is unknown.</summary>
    public static string Reason(JsonException e)
    {
        var where = new List<string>();
        if (!string.IsNullOrEmpty(e.Path) && e.Path != "$") where.Add("at " + e.Path);
        if (e.LineNumber is { } line) where.Add(string.Create(CultureInfo.InvariantCulture, $"line {line + 1}"));
        return where.Count == 0 ? "not valid JSON" : $"not valid JSON {string.Join(", ", where)}";
    }

    /// <summary>A reason for any of the exceptions JSON reading throws: System.Text.Json's, or a value our converters refuse.</summary>
    public static string Reason(Exception e) => e switch
    {
        JsonException json => Reason(json),
        FormatException or InvalidOperationException or KeyNotFoundException => "a value has the wrong form",
        _ => "not valid JSON",
    };
}
