namespace FaceLab.Tests.Support;

/// <summary>
/// Process tests that wait a bounded time for a command to stop on Ctrl+C while it is busy in
/// libtorch or ffmpeg. They run alone, after the parallel tests: the other tests' libtorch threads
/// on the same two cores stretch a 128 px training step many times over and would time them out.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SignalTimingCollection
{
    public const string Name = "signal timing";
}
