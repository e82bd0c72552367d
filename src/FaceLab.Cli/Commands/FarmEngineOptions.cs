using System.CommandLine;
using FaceLab.Common;
using FaceLab.Farm;

namespace FaceLab.Cli.Commands;

/// <summary>The options that say which engine runs an array of tasks (a stage's shards, a batch's pairs), where and how many at once.</summary>
internal class FarmEngineOptions
{
    /// <param name="task">What one task is, in the options' descriptions.</param>
    /// <param name="engines">The engines the command accepts, the default first.</param>
    public FarmEngineOptions(string task, params string[] engines)
    {
        Engine = new Option<string>("--engine") { Description = $"Where the {task}s run: {string.Join(" or ", engines)}", DefaultValueFactory = _ => engines[0] };
        Engine.AcceptOnlyFromAmong(engines);
        MaxParallel = new Option<int?>("--max-parallel") { Description = $"At most this many {task}s at once (default: as many as the cluster runs)" };
        Gres = new Option<string?>("--gres") { Description = $"Generic resources per {task}, e.g. gpu:1" };
        Cores = new Option<int>("--cpus-per-task") { Description = $"CPU cores per {task}", DefaultValueFactory = _ => 1 };
    }

    public Option<string> Engine { get; }

    public Option<int?> MaxParallel { get; }

    public Option<string?> Partition { get; } = new("--partition") { Description = "The partition (queue) to run in" };

    public Option<string?> Gres { get; }

    public Option<int> Cores { get; }

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { Engine, MaxParallel, Partition, Gres, Cores })
            command.Options.Add(option);
    }

    /// <summary>The CPU cores per task given; an error when below 1.</summary>
    public int CoresOf(ParseResult result) =>
        result.GetValue(Cores) is var cores and >= 1 ? cores : throw new FaceLabException("--cpus-per-task", "must be at least 1", null);

    /// <summary><paramref name="request"/> with the limits and placement given.</summary>
    public FarmJobRequest Apply(ParseResult result, FarmJobRequest request)
    {
        if (result.GetValue(MaxParallel) is < 1) throw new FaceLabException("--max-parallel", "must be at least 1", null);
        return request with
        {
            MaxParallel = result.GetValue(MaxParallel),
            CoresPerShard = CoresOf(result),
            Partition = result.GetValue(Partition),
            Gres = result.GetValue(Gres),
        };
    }
}
