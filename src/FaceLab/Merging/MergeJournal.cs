using FaceLab.Common;

namespace FaceLab.Merging;

/// <summary>
/// Which frames a merge finished under which settings (<c>.facelab-merge-done</c> in the output
/// folder): a first line naming the settings and model, then one frame name per line. Another first
/// line starts it over. A line cut by a crash is ignored.
/// </summary>
internal sealed class MergeJournal
{
    public const string FileName = ".facelab-merge-done";

    private readonly string _path;
    private readonly HashSet<string> _done;
    private readonly Lock _gate = new();

    private MergeJournal(string path, HashSet<string> done)
    {
        _path = path;
        _done = done;
    }

    public static MergeJournal Open(string folder, string identity)
    {
        var path = Path.Combine(folder, FileName);
        var lines = File.Exists(path) ? File.ReadAllLines(path) : [];
        if (lines.Length > 0 && lines[0] == identity)
            return new MergeJournal(path, [.. lines.Skip(1).Where(l => l.Length > 0)]);
        AtomicOutput.WriteAllBytes(path, System.Text.Encoding.UTF8.GetBytes(identity + "\n"));
        return new MergeJournal(path, []);
    }

    public bool IsDone(string name) => _done.Contains(name);

    public void MarkDone(string name)
    {
        lock (_gate)
        {
            File.AppendAllText(_path, name + "\n");
            _done.Add(name);
        }
    }
}
