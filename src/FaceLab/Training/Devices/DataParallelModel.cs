using FaceLab.Training.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace FaceLab.Training.Devices;

/// <summary>
/// Splits each batch over identical devices (several identical GPUs share a batch).
/// The primary model on the first device holds the master weights the optimizer updates; every
/// other device runs a replica. A step: forward (chunks scattered, outputs gathered on the primary
/// device so the loss sees the whole batch), backward, <see cref="GatherGradients"/>, optimizer
/// step on the primary, <see cref="BroadcastWeights"/>. With one device it is the plain model.
/// Nothing here is GPU-specific, so tests run it with two CPU "devices".
/// </summary>
internal sealed class DataParallelModel : IDisposable
{
    private readonly FaceSwapModel[] replicas;

    /// <param name="primary">The model, moved to <c>devices[0]</c>.</param>
    /// <param name="createReplica">Builds a fresh model of the same architecture and options (e.g. the registry's factory).</param>
    public DataParallelModel(FaceSwapModel primary, IReadOnlyList<Device> devices, Func<FaceSwapModel> createReplica)
    {
        if (devices.Count == 0) throw new ArgumentException("at least one device is needed", nameof(devices));
        Devices = devices;
        Primary = primary;
        primary.to(devices[0]);
        replicas = [.. devices.Skip(1).Select(device =>
        {
            var replica = createReplica();
            if (replica.Signature != primary.Signature)
                throw new ArgumentException($"replica '{replica.Signature}' differs from '{primary.Signature}'", nameof(createReplica));
            replica.to(device);
            return replica;
        })];
        BroadcastWeights();
    }

    /// <summary>A model on one device, no split.</summary>
    public DataParallelModel(FaceSwapModel model) : this(model, [model.Device], () => model) { }

    public FaceSwapModel Primary { get; }

    public IReadOnlyList<Device> Devices { get; }

    public Device PrimaryDevice => Devices[0];

    public ReconstructionPair Reconstruct(Tensor source, Tensor destination)
    {
        if (replicas.Length == 0) return Primary.Reconstruct(source, destination);
        var sources = Scatter(source);
        var destinations = Scatter(destination);
        var parts = sources.Zip(destinations, (s, d) => (s, d)).Select((pair, i) => Model(i).Reconstruct(pair.s, pair.d)).ToList();
        return new(Gather(parts.Select(p => p.Source)), Gather(parts.Select(p => p.Destination)),
            GatherCodes(parts.Select(p => p.SourceCode)), GatherCodes(parts.Select(p => p.DestinationCode)));
    }

    public FaceOutput Forward(PredictionDirection direction, Tensor faces)
    {
        if (replicas.Length == 0) return Primary.Forward(direction, faces);
        return Gather(Scatter(faces).Select((chunk, i) => Model(i).Forward(direction, chunk)));
    }

    /// <summary>Adds every replica's gradients into the primary's and clears the replicas'.</summary>
    public void GatherGradients()
    {
        using var noGrad = no_grad();
        foreach (var replica in replicas)
            foreach (var (master, copy) in Primary.parameters().Zip(replica.parameters()))
            {
                if (copy.grad is not { } grad) continue;
                if (master.grad is { } total) total.add_(grad.to(PrimaryDevice));
                grad.zero_();
            }
    }

    /// <summary>Copies the primary's weights into every replica (after each optimizer step).</summary>
    public void BroadcastWeights()
    {
        using var noGrad = no_grad();
        foreach (var replica in replicas)
            foreach (var (master, copy) in Primary.parameters().Zip(replica.parameters()))
                copy.copy_(master);
    }

    public void ZeroGradients()
    {
        Primary.zero_grad();
        foreach (var replica in replicas) replica.zero_grad();
    }

    private FaceSwapModel Model(int index) => index == 0 ? Primary : replicas[index - 1];

    private Tensor[] Scatter(Tensor batch) =>
        [.. batch.chunk(Devices.Count, 0).Select((chunk, i) => chunk.to(Devices[i]))];

    private FaceOutput Gather(IEnumerable<FaceOutput> parts)
    {
        var list = parts.ToList();
        return new FaceOutput(
            cat([.. list.Select(p => p.Face.to(PrimaryDevice))], 0),
            cat([.. list.Select(p => p.Mask.to(PrimaryDevice))], 0));
    }

    private Tensor? GatherCodes(IEnumerable<Tensor?> parts)
    {
        var list = parts.ToList();
        return list.Any(p => p is null) ? null : cat([.. list.Select(p => p!.to(PrimaryDevice))], 0);
    }

    /// <summary>Disposes the replicas; the primary belongs to the caller.</summary>
    public void Dispose()
    {
        foreach (var replica in replicas) replica.Dispose();
    }
}
