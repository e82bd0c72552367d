using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using FaceLab.Training.Layers;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace FaceLab.Tests.Training.Layers;

/// <summary>
/// The slope of a LeakyReLU given as a double is a TorchSharp Scalar that a garbage collection can
/// free while libtorch still has to read it. Both tests call leaky_relu on a small tensor as fast as
/// they can (each call in a dispose scope, as training runs) while another thread collects garbage
/// and runs finalizers without pause.
/// </summary>
public sealed class LeakyReluTests(ITestOutputHelper output)
{
    private static readonly TimeSpan FaultBudget = TimeSpan.FromSeconds(30);

    [Fact]
    public void A_double_slope_is_freed_under_the_call_when_collections_run_the_fault_this_guards_against()
    {
        using var input = randn([4, 64, 8, 8]);
        var (calls, failures) = UnderCollections(input, Doubled, until: failed => failed > 0, FaultBudget);
        output.WriteLine($"double slope: {failures.Count} failures in {calls} calls: {failures.FirstOrDefault()}");
        Assert.NotEmpty(failures);
        Assert.Contains("Expected false to be true", failures[0], StringComparison.Ordinal);
    }

    [Fact]
    public void A_kept_slope_survives_the_same_collections_and_gives_the_exact_output()
    {
        using var input = randn([4, 64, 8, 8]);
        using var expected = input.leaky_relu(0.1);
        var wrong = 0;
        var (calls, failures) = UnderCollections(input, x =>
        {
            var y = LeakyRelu.Forward(x, 0.1);
            if (!y.equal(expected).all().item<bool>()) wrong++;
            return y;
        }, until: _ => false, FaultBudget / 3);
        output.WriteLine($"kept slope: {failures.Count} failures, {wrong} wrong outputs in {calls} calls");
        Assert.True(calls > 10_000, $"only {calls} calls");
        Assert.Empty(failures);
        Assert.Equal(0, wrong);
    }

    /// <summary>What training did before the fix: the slope as a double, in a method optimised as a hot one is.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization | MethodImplOptions.NoInlining)]
    private static Tensor Doubled(Tensor input) => nn.functional.leaky_relu(input, 0.1);

    private static (long Calls, List<string> Failures) UnderCollections(Tensor input, Func<Tensor, Tensor> call, Func<int, bool> until, TimeSpan budget)
    {
        var stop = false;
        var collector = new Thread(() =>
        {
            while (!Volatile.Read(ref stop))
            {
                GC.Collect(0);
                GC.WaitForPendingFinalizers();
            }
        });
        collector.Start();
        var failures = new List<string>();
        long calls = 0;
        try
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            while (clock.Elapsed < budget && !until(failures.Count))
            {
                calls++;
                using var scope = NewDisposeScope();
                try
                {
                    call(input);
                }
                catch (ExternalException e)
                {
                    failures.Add(e.Message.Split('\n')[0]);
                }
            }
        }
        finally
        {
            Volatile.Write(ref stop, true);
            collector.Join();
        }
        return (calls, failures);
    }
}
