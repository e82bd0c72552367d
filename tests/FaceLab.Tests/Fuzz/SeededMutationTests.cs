using System.Diagnostics;
using FaceLab.Common;
using FaceLab.Fuzz;
using FaceLab.Tests.Support;

namespace FaceLab.Tests.Fuzz;

/// <summary>
/// Hostile inputs for every parser of untrusted files, deterministic and bounded: each target of
/// fuzz/FaceLab.Fuzz gets its seeds, the zero-byte file, truncations of every seed, the committed
/// corpus (seeds and the fuzzer's past findings) and <see cref="MutationsPerTarget"/> mutations from
/// a fixed seed. Every call must end in success or a <see cref="FaceLabException"/> within
/// <see cref="TimeLimit"/>, allocating at most <see cref="AllocationLimit"/> managed bytes.
/// </summary>
public sealed class SeededMutationTests
{
    /// <summary>Per call: generous for a 2-core machine shared with other jobs, far below a hang.</summary>
    private static readonly TimeSpan TimeLimit = TimeSpan.FromSeconds(2);

    /// <summary>Managed bytes one call may allocate (OpenCV's native buffers are bounded by ImageDecoding itself).</summary>
    private const long AllocationLimit = 64L * 1024 * 1024;

    /// <summary>Sized so the whole class stays within about 30 s on 2 cores.</summary>
    private const int MutationsPerTarget = 1000;

    private const int RandomSeed = 20261130;

    public static TheoryData<string> Targets => [.. FuzzTargets.All.Select(t => t.Name)];

    [Theory]
    [MemberData(nameof(Targets))]
    public void Mutated_seeds_are_accepted_or_rejected_with_one_line(string name)
    {
        var target = FuzzTargets.Get(name);
        var seeds = Seeds(name);
        var mutator = new InputMutator(RandomSeed + name.Length * 7919 + name[0]);
        for (var i = 0; i < MutationsPerTarget; i++) Check(target, mutator.Mutate(seeds[i % seeds.Count]));
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public void Zero_byte_and_truncated_inputs_are_rejected_cleanly(string name)
    {
        var target = FuzzTargets.Get(name);
        Check(target, []);
        foreach (var seed in Seeds(name))
        {
            // Every prefix of a small seed; 64 spread over a larger one.
            var step = Math.Max(1, seed.Length / 64);
            for (var length = 1; length < seed.Length; length += step) Check(target, seed[..length]);
        }
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public void Seeds_are_accepted(string name)
    {
        // The seeds are valid files: a target that rejects them all would make the mutations above hollow.
        var accepted = FuzzSeeds.For(name).Count(s => Check(FuzzTargets.Get(name), s.Bytes));
        Assert.True(accepted > 0, $"{name}: no seed is accepted");
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public void Committed_corpus_and_past_findings_stay_fixed(string name)
    {
        var folder = Path.Combine(TestPaths.RepositoryRoot, "fuzz", "corpus", name);
        var files = Directory.GetFiles(folder);
        Assert.NotEmpty(files);
        foreach (var file in files) Check(FuzzTargets.Get(name), File.ReadAllBytes(file));
    }

    private static List<byte[]> Seeds(string name) => [.. FuzzSeeds.For(name).Select(s => s.Bytes)];

    /// <summary>Runs one input on its own thread (so a hang fails instead of blocking); true when accepted.</summary>
    private static bool Check(FuzzTarget target, byte[] input)
    {
        Exception? failure = null;
        var accepted = false;
        long allocated = 0;
        var clock = Stopwatch.StartNew();
        var thread = new Thread(() =>
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            try
            {
                target.Run(input);
                accepted = true;
            }
            catch (FaceLabException e) when (!e.Message.Contains('\n', StringComparison.Ordinal))
            {
                // The accepted rejection: one line for the user.
            }
            catch (Exception e)
            {
                failure = e;
            }
            allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        }, maxStackSize: 1 << 20);
        thread.IsBackground = true;
        thread.Start();
        var finished = thread.Join(TimeLimit);
        var hex = Convert.ToHexString(input);
        Assert.True(finished, $"{target.Name}: no answer within {TimeLimit.TotalSeconds} s for input {hex}");
        Assert.True(failure is null, $"{target.Name}: {failure?.GetType().Name} ({failure?.Message}) for input {hex}\n{failure}");
        Assert.True(allocated <= AllocationLimit, $"{target.Name}: {allocated / 1024 / 1024} MB allocated for input {hex} (limit {AllocationLimit / 1024 / 1024} MB)");
        Assert.True(clock.Elapsed <= TimeLimit * 2, $"{target.Name}: {clock.Elapsed.TotalSeconds:F1} s for input {hex}");
        return accepted;
    }
}
