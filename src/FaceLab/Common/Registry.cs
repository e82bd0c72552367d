namespace FaceLab.Common;

/// <summary>
/// Everything chosen by name (detectors, landmarkers, models, sort methods, colour transfers,
/// presets, merge modes) is looked up the same way: case-insensitive, with one error listing the
/// valid names and no silent fallback.
/// </summary>
/// <typeparam name="T">What a name stands for (a descriptor, a factory, an instance).</typeparam>
public sealed class Registry<T>
{
    private readonly (string Name, T Item)[] _entries;

    /// <param name="kind">What the names name, for errors: "model", "colour transfer".</param>
    /// <param name="entries">Names and items in the order they are listed to users.</param>
    public Registry(string kind, IEnumerable<(string Name, T Item)> entries)
    {
        Kind = kind;
        _entries = [.. entries];
        var duplicate = _entries.GroupBy(e => e.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new ArgumentException($"{kind} '{duplicate.Key}' is registered twice", nameof(entries));
    }

    /// <summary>A registry whose items know their own name.</summary>
    public Registry(string kind, IEnumerable<T> items, Func<T, string> nameOf) : this(kind, items.Select(i => (nameOf(i), i))) { }

    /// <summary>What the names name, for errors ("model", "colour transfer").</summary>
    public string Kind { get; }

    /// <summary>The names in listing order, spelled as registered.</summary>
    public IReadOnlyList<string> Names => [.. _entries.Select(e => e.Name)];

    /// <summary>The items in listing order.</summary>
    public IReadOnlyList<T> Items => [.. _entries.Select(e => e.Item)];

    /// <summary>The item called <paramref name="name"/> in any case; false when there is none.</summary>
    public bool TryGet(string name, out T item)
    {
        foreach (var (n, i) in _entries)
        {
            if (string.Equals(n, name, StringComparison.OrdinalIgnoreCase))
            {
                item = i;
                return true;
            }
        }
        item = default!;
        return false;
    }

    /// <summary>The item called <paramref name="name"/>; a <see cref="FaceLabException"/> listing the valid names otherwise.</summary>
    public T Get(string name) =>
        TryGet(name, out var item) ? item : throw Unknown(name);

    /// <summary>The registered spelling of <paramref name="name"/>.</summary>
    public string Canonical(string name) =>
        _entries.FirstOrDefault(e => string.Equals(e.Name, name, StringComparison.OrdinalIgnoreCase)).Name ?? throw Unknown(name);

    /// <summary>The error for a name that is not registered, listing the valid ones.</summary>
    public FaceLabException Unknown(string name) =>
        new(name, $"unknown {Kind}", $"expected one of: {string.Join(", ", Names)}");
}
