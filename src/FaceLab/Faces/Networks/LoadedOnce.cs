using System.Collections.Concurrent;

namespace FaceLab.Faces.Networks;

/// <summary>
/// Model files loaded once per process, by full path, for nets whose weights are read-only after
/// loading. A load that fails is forgotten, so a repaired file loads on the next call.
/// </summary>
internal sealed class LoadedOnce<T>(Func<string, T> load)
{
    private readonly ConcurrentDictionary<string, Lazy<T>> _loaded = new(StringComparer.Ordinal);

    public T Get(string path)
    {
        var key = Path.GetFullPath(path);
        var lazy = _loaded.GetOrAdd(key, k => new Lazy<T>(() => load(k)));
        try
        {
            return lazy.Value;
        }
        catch
        {
            _loaded.TryRemove(new KeyValuePair<string, Lazy<T>>(key, lazy));
            throw;
        }
    }
}
