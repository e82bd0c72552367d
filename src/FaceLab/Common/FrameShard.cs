using System.Globalization;

namespace FaceLab.Common;

/// <summary>
/// One of <see cref="Count"/> contiguous parts of a frame sequence, numbered from 0 as job arrays
/// number their tasks: shard I of N covers the positions <c>I·S .. I·S+S−1</c> with
/// <c>S = ⌈frames / N⌉</c>. Any engine that runs N copies of a command with an index (a Slurm job
/// array, a Kubernetes indexed job, an SGE task array, a render farm's frame list) runs the shards.
/// </summary>
public sealed record FrameShard
{
    /// <summary>The environment variables an index is read from, in this order, and the number their first task has.</summary>
    public static IReadOnlyList<(string Variable, int FirstTask)> IndexVariables { get; } =
    [
        ("SLURM_ARRAY_TASK_ID", 0),
        ("JOB_COMPLETION_INDEX", 0), // Kubernetes indexed jobs
        ("SGE_TASK_ID", 1), // Grid Engine task arrays count from 1
    ];

    /// <summary>Shard <paramref name="index"/> (from 0) of <paramref name="count"/>.</summary>
    public FrameShard(int index, int count)
    {
        if (count < 1 || count > 100_000)
            throw new FaceLabException($"{count} shards", "must be between 1 and 100000", "give the number of shards the job was planned with");
        if (index < 0 || index >= count)
            throw new FaceLabException($"shard {index}", $"is not one of the {count} shards, numbered 0 to {count - 1}", "give an index from 0 to the shard count minus 1");
        Index = index;
        Count = count;
    }

    /// <summary>The shard's number, from 0.</summary>
    public int Index { get; }

    /// <summary>How many shards the sequence is cut into.</summary>
    public int Count { get; }

    /// <summary>
    /// <c>I/N</c>, or <c>auto/N</c> for the index of the job array task running it, read from
    /// <see cref="IndexVariables"/> in <paramref name="environment"/> (the process's when null). N
    /// is always given: a resubmitted part of an array does not know how many shards there are.
    /// </summary>
    public static FrameShard Parse(string text, Func<string, string?>? environment = null)
    {
        var parts = text.Split('/');
        if (parts.Length != 2 || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var count))
            throw new FaceLabException(text, "is not a shard", "write it as INDEX/COUNT, e.g. 0/4, or auto/COUNT to take the index from the job array");
        if (parts[0] == "auto") return new FrameShard(ArrayTaskIndex(environment), count);
        return int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            ? new FrameShard(index, count)
            : throw new FaceLabException(text, "is not a shard", "write it as INDEX/COUNT, e.g. 0/4, or auto/COUNT");
    }

    /// <summary>The zero-based positions of this shard in a sequence of <paramref name="frames"/> frames (empty when there are fewer frames than shards reach).</summary>
    public (int First, int Last) PositionsIn(int frames)
    {
        var size = SizeFor(frames, Count);
        var first = Index * size;
        return (first, Math.Min(first + size, frames) - 1);
    }

    /// <summary>Frames per shard when <paramref name="frames"/> frames are cut into <paramref name="count"/> shards.</summary>
    public static int SizeFor(int frames, int count) => Math.Max(1, (frames + count - 1) / count);

    /// <summary>A name for files and folders of this shard: <c>shard-0002-of-0004</c>.</summary>
    public string Tag => string.Create(CultureInfo.InvariantCulture, $"shard-{Index:D4}-of-{Count:D4}");

    /// <summary>Where a shard keeps its own lock and journal inside the shared <paramref name="outputFolder"/>: shards run at once must not share them.</summary>
    public string StateFolderIn(string outputFolder) => Path.Combine(outputFolder, ".facelab-shards", Tag);

    /// <summary><c>I/N</c>, as <see cref="Parse"/> reads it.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Index}/{Count}");

    /// <summary>The index (from 0) of the job array task this process runs as, read from <see cref="IndexVariables"/> in <paramref name="environment"/> (the process's when null).</summary>
    public static int ArrayTaskIndex(Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        foreach (var (variable, firstTask) in IndexVariables)
        {
            if (environment(variable) is not { Length: > 0 } value) continue;
            return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var task) && task >= firstTask
                ? task - firstTask
                : throw new FaceLabException($"{variable}={value}", "is not a task index", "run it as a task of a job array");
        }
        throw new FaceLabException("auto", $"no job array index in the environment ({string.Join(", ", IndexVariables.Select(v => v.Variable))})",
            "give the shard's index, or run it as a task of a job array");
    }
}
