using System.Collections.Concurrent;

namespace FaceLab.Training.Samples;

/// <summary>
/// Every face once per epoch in a shuffled order, a new order each epoch (derived from the seed
/// and the epoch number): better coverage than drawing faces independently.
/// </summary>
internal sealed class ShuffledFaceChooser(int faceCount, int batchSize, int seed) : IFaceChooser
{
    private readonly ConcurrentDictionary<long, int[]> _orders = new();

    public FaceChoice Choose(long batchIndex, int sampleIndex, SampleRandom random)
    {
        var position = batchIndex * batchSize + sampleIndex;
        var epoch = position / faceCount;
        var order = _orders.GetOrAdd(epoch, Shuffle);
        // Only a few epochs are in use at once (workers are at most a few batches apart).
        if (_orders.Count > 4)
            foreach (var old in _orders.Keys.Where(e => e < epoch - 1)) _orders.TryRemove(old, out _);
        return new FaceChoice(order[position % faceCount]);
    }

    private int[] Shuffle(long epoch)
    {
        var random = SampleRandom.For(seed, epoch, 0, stream: 1);
        var order = Enumerable.Range(0, faceCount).ToArray();
        for (var i = order.Length - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
        return order;
    }
}
