using System.Runtime.ExceptionServices;
using System.Threading.Channels;

namespace FaceLab.Training.Samples;

/// <summary>
/// Keeps batches ready for the trainer: worker threads make batches (by increasing index) ahead of
/// the consumer, at most <see cref="SampleGeneratorOptions.Prefetch"/> beyond the one it last took,
/// and <see cref="NextAsync"/> hands them out strictly in index order. Batch b is a pure function
/// of (seed, b) (see <see cref="SampleBatchFactory"/>), so the sequence is the same for any number
/// of workers and any timing. One consumer at a time. Dispose (or cancel the token given at
/// construction) stops the workers.
/// </summary>
internal sealed class SampleGenerator : IDisposable
{
    private readonly SampleBatchFactory _factory;
    private readonly Channel<SampleBatch> _finished;
    private readonly SemaphoreSlim _room;
    private readonly CancellationTokenSource _stop;
    private readonly Task[] _workers;
    private readonly Dictionary<long, SampleBatch> _early = [];
    private long _nextToClaim;
    private long _nextToDeliver;
    private int _disposed;
    private int _ready;

    public SampleGenerator(SampleBatchFactory factory, SampleGeneratorOptions? options = null, CancellationToken ct = default)
    {
        options ??= new SampleGeneratorOptions();
        options.Validate();
        _factory = factory;
        _nextToClaim = options.FirstBatch;
        _nextToDeliver = options.FirstBatch;
        _room = new SemaphoreSlim(options.Prefetch);
        // Unbounded, but never holds more than Prefetch batches: a worker takes room before claiming one.
        _finished = Channel.CreateUnbounded<SampleBatch>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = false });
        _stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        _workers = [.. Enumerable.Range(0, options.Workers).Select(_ => Task.Factory.StartNew(
            Work, _stop.Token, TaskCreationOptions.LongRunning, TaskScheduler.Default))];
    }

    public SampleBatchFactory Factory => _factory;

    /// <summary>Index of the batch <see cref="NextAsync"/> returns next.</summary>
    public long NextIndex => Interlocked.Read(ref _nextToDeliver);

    /// <summary>Batches finished and waiting (for monitoring: 0 when the trainer is waiting on samples).</summary>
    public int Ready => Volatile.Read(ref _ready);

    /// <summary>The next batch in index order; waits for it when it is not ready. A worker's failure is rethrown here.</summary>
    public async ValueTask<SampleBatch> NextAsync(CancellationToken ct = default)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        ct.ThrowIfCancellationRequested();
        while (!_early.ContainsKey(_nextToDeliver))
        {
            SampleBatch batch;
            try
            {
                batch = await _finished.Reader.ReadAsync(ct).ConfigureAwait(false);
            }
            catch (ChannelClosedException closed) when (closed.InnerException is not null)
            {
                ExceptionDispatchInfo.Throw(closed.InnerException);
                throw;
            }
            _early.Add(batch.Index, batch);
        }
        _early.Remove(_nextToDeliver, out var next);
        Interlocked.Increment(ref _nextToDeliver);
        Interlocked.Decrement(ref _ready);
        _room.Release();
        return next!;
    }

    /// <summary>Blocking form of <see cref="NextAsync"/>.</summary>
    public SampleBatch Next(CancellationToken ct = default) => NextAsync(ct).AsTask().GetAwaiter().GetResult();

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        _stop.Cancel();
        try { Task.WaitAll(_workers); }
        catch (AggregateException) { } // cancellations and failures already went to the channel
        _stop.Dispose();
        _room.Dispose();
    }

    private void Work()
    {
        var token = _stop.Token;
        try
        {
            while (true)
            {
                _room.Wait(token);
                var index = Interlocked.Increment(ref _nextToClaim) - 1;
                var batch = _factory.Build(index);
                token.ThrowIfCancellationRequested();
                Interlocked.Increment(ref _ready);
                _finished.Writer.TryWrite(batch);
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            _finished.Writer.TryComplete(new OperationCanceledException("the sample generator was stopped", token));
        }
        catch (Exception e)
        {
            _finished.Writer.TryComplete(e);
        }
    }
}
