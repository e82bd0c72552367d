using FaceLab.Common;
using FaceLab.Training.Models;

namespace FaceLab.Training.Sessions;

/// <summary>A backup of a model: its folder name under <c>backups/</c>, the iteration it holds and when that was saved.</summary>
public sealed record ModelBackup(string Name, string Folder, long Iteration, DateTimeOffset SavedAt);

/// <summary>
/// A model folder as the model commands and the studio see it, without loading any weights: its
/// type and options, the current checkpoint and the backups, the loss history, its size on disk;
/// and the one change users ask for, rolling back to a backup. The checkpoint's state is read once,
/// when first asked: open the folder again to see later saves.
/// </summary>
public sealed class ModelFolder
{
    private readonly CheckpointStore _store;
    private CheckpointState? _state;

    private ModelFolder(string folder, ModelSpec spec)
    {
        Folder = folder;
        Spec = spec;
        _store = new CheckpointStore(folder);
    }

    /// <summary>The model folder (full path).</summary>
    public string Folder { get; }

    /// <summary>The model's <c>model.json</c>.</summary>
    public ModelSpec Spec { get; }

    /// <summary>The registered model type, or null when this FaceLab does not know it.</summary>
    public ModelDefinition? Definition => ModelRegistry.Models.TryGet(Spec.ModelType, out var definition) ? definition : null;

    /// <summary>The typed options (needs a registered model type).</summary>
    public ModelOptions Options =>
        Spec.OptionsFor(Definition ?? throw ModelRegistry.Models.Unknown(Spec.ModelType), Path.Combine(Folder, ModelSpec.FileName));

    /// <summary>The current checkpoint folder, or null before the first save.</summary>
    public string? Checkpoint => _store.Current;

    /// <summary>The iteration of the last checkpoint; 0 before the first save.</summary>
    public long Iteration => State?.Iteration ?? 0;

    /// <summary>When the last checkpoint was saved, or null.</summary>
    public DateTimeOffset? SavedAt => State?.SavedAt;

    /// <summary>The current checkpoint's state, read when first asked (a listing asks for iteration and save time).</summary>
    private CheckpointState? State => _state ??= Checkpoint is { } dir ? CheckpointFiles.ReadState(dir) : null;

    /// <summary>The loss history of the current checkpoint (empty before the first save).</summary>
    public LossHistory Losses => Checkpoint is { } dir ? CheckpointFiles.ReadLosses(dir) : new LossHistory();

    /// <summary>The backups, oldest first.</summary>
    public IReadOnlyList<ModelBackup> Backups =>
        [.. _store.Backups.Select(dir =>
        {
            var state = CheckpointFiles.ReadState(dir);
            return new ModelBackup(Path.GetFileName(dir), dir, state.Iteration, state.SavedAt);
        })];

    /// <summary>Bytes of every file in the folder.</summary>
    public long SizeBytes => Directory.EnumerateFiles(Folder, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);

    /// <summary>The model folder <paramref name="folder"/>; an error when it has no <c>model.json</c>.</summary>
    public static ModelFolder Open(string folder)
    {
        if (!File.Exists(Path.Combine(folder, ModelSpec.FileName)))
            throw new FaceLabException(folder, "is not a model folder (no model.json)", "list the models of the workspace");
        return new ModelFolder(Path.GetFullPath(folder), ModelSpec.Load(folder));
    }

    /// <summary>The folder of the model <paramref name="name"/> of <paramref name="definition"/>'s type under <paramref name="modelsRoot"/>, whether it exists yet or not.</summary>
    public static string PathOf(string modelsRoot, string name, ModelDefinition definition) =>
        Path.Combine(modelsRoot, ModelSpec.FolderName(name, definition.Name));

    /// <summary>Whether that model was created (its <c>model.json</c> is there): a first run creates it, later runs resume it.</summary>
    public static bool Exists(string modelsRoot, string name, ModelDefinition definition) =>
        File.Exists(Path.Combine(PathOf(modelsRoot, name, definition), ModelSpec.FileName));

    /// <summary>Every model folder under <paramref name="modelsRoot"/>, by name.</summary>
    public static IReadOnlyList<ModelFolder> List(string modelsRoot) =>
        Directory.Exists(modelsRoot)
            ? [.. Directory.EnumerateDirectories(modelsRoot).Where(d => File.Exists(Path.Combine(d, ModelSpec.FileName)))
                .Order(StringComparer.Ordinal).Select(Open)]
            : [];

    /// <summary>
    /// The model called <paramref name="name"/> under <paramref name="modelsRoot"/>: its folder name
    /// (<c>demo_DF</c>) or its model name (<c>demo</c>) when only one type has it; null picks the only model there is.
    /// </summary>
    public static ModelFolder Find(string modelsRoot, string? name)
    {
        var all = List(modelsRoot);
        if (name is null)
        {
            return all.Count == 1 ? all[0] : throw new FaceLabException(modelsRoot,
                all.Count == 0 ? "holds no model" : $"holds {all.Count} models", all.Count == 0 ? "train one first" : $"name one of: {string.Join(", ", all.Select(m => Path.GetFileName(m.Folder)))}");
        }
        var exact = all.FirstOrDefault(m => string.Equals(Path.GetFileName(m.Folder), name, StringComparison.OrdinalIgnoreCase));
        if (exact is not null) return exact;
        var byName = all.Where(m => string.Equals(m.Spec.Name, name, StringComparison.Ordinal)).ToList();
        return byName.Count switch
        {
            1 => byName[0],
            0 => throw new FaceLabException(name, $"no such model in {modelsRoot}", all.Count == 0 ? "train one first" : $"models: {string.Join(", ", all.Select(m => Path.GetFileName(m.Folder)))}"),
            _ => throw new FaceLabException(name, "names several models", $"use the folder name: {string.Join(", ", byName.Select(m => Path.GetFileName(m.Folder)))}"),
        };
    }

    /// <summary>
    /// Rolls back to the backup <paramref name="backup"/> (its name, or its position 1..N from the oldest),
    /// keeping the current state as a new backup first. Returns that backup's name (null when there was no current state).
    /// </summary>
    public string? Restore(string backup)
    {
        var backups = Backups;
        var chosen = backups.FirstOrDefault(b => b.Name == backup)
            ?? (int.TryParse(backup, out var k) && k >= 1 && k <= backups.Count ? backups[k - 1] : null)
            ?? throw new FaceLabException(backup, $"no such backup of {Path.GetFileName(Folder)}",
                backups.Count == 0 ? "the model has no backups" : $"backups: {string.Join(", ", backups.Select((b, i) => $"{i + 1} ({b.Name})"))}");
        using var held = ResourceLock.Acquire(Folder, "model restore");
        var kept = _store.Restore(chosen.Folder, chosen.Iteration);
        _state = null;
        return kept is null ? null : Path.GetFileName(kept);
    }
}
