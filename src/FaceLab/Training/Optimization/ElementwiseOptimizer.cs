using FaceLab.Common;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace FaceLab.Training.Optimization;

/// <summary>
/// SAEHD's optimizers, per weight: AdaBelief (Zhuang et al. 2020: Adam whose second moment tracks
/// the gradient's deviation from its running mean, bias-corrected; β1 0.9, β2 0.999) or RMSprop
/// (ρ 0.9), with optional clipping of the gradients' global norm to 1 and learning-rate dropout
/// (each step updates a random 30% of the weights; the mask is drawn from a generator seeded by
/// the step number, so a resumed run draws the same masks). State: the moments and the step count.
/// </summary>
internal sealed class ElementwiseOptimizer : IDisposable
{
    private const double Beta1 = 0.9, Beta2 = 0.999, Rho = 0.9, Epsilon = 1e-7, KeptShare = 0.3, ClipNorm = 1.0;
    private const ulong DropoutSeed = 0x5AE4D;
    private readonly Parameter[] _parameters;
    private readonly Tensor[] _first, _second;

    public ElementwiseOptimizer(IEnumerable<Parameter> parameters, bool adaBelief, double learningRate, bool clipGradients, bool learningRateDropout)
    {
        _parameters = [.. parameters];
        AdaBelief = adaBelief;
        LearningRate = learningRate;
        ClipGradients = clipGradients;
        LearningRateDropout = learningRateDropout;
        _first = [.. _parameters.Select(p => zeros_like(p).DetachFromDisposeScope())];
        _second = [.. _parameters.Select(p => zeros_like(p).DetachFromDisposeScope())];
    }

    public bool AdaBelief { get; }

    public double LearningRate { get; }

    public bool ClipGradients { get; }

    public bool LearningRateDropout { get; }

    /// <summary>Updates applied so far.</summary>
    public long Steps { get; private set; }

    public void ZeroGradients()
    {
        foreach (var p in _parameters) p.grad?.zero_();
    }

    /// <summary>One update from the gradients the parameters hold.</summary>
    public void Step()
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        if (ClipGradients) nn.utils.clip_grad_norm_(_parameters.Where(p => p.grad is not null), ClipNorm);
        Steps++;
        using var dropout = LearningRateDropout ? new Generator(DropoutSeed + (ulong)Steps) : null;
        var correction1 = 1 - Math.Pow(Beta1, Steps);
        var correction2 = 1 - Math.Pow(Beta2, Steps);
        for (var i = 0; i < _parameters.Length; i++)
        {
            if (_parameters[i].grad is not { } gradient) continue;
            Tensor update;
            if (AdaBelief)
            {
                _first[i].mul_(Beta1).add_(gradient, alpha: 1 - Beta1);
                var deviation = gradient - _first[i];
                _second[i].mul_(Beta2).addcmul_(deviation, deviation, value: 1 - Beta2).add_(Epsilon);
                update = _first[i] / correction1 / ((_second[i] / correction2).sqrt() + Epsilon);
            }
            else
            {
                _second[i].mul_(Rho).addcmul_(gradient, gradient, value: 1 - Rho);
                update = gradient / (_second[i].sqrt() + Epsilon);
            }
            if (dropout is not null)
                update = update * (rand(update.shape, generator: dropout) < KeptShare).to(update.dtype).to(update.device);
            _parameters[i].sub_(update * LearningRate);
        }
    }

    public void Save(Stream stream)
    {
        using var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        writer.Write(AdaBelief ? "adabelief" : "rmsprop");
        writer.Write(Steps);
        writer.Write(_parameters.Length);
        foreach (var t in _first.Concat(_second)) t.Save(writer);
        writer.Flush();
    }

    public void Load(Stream stream, string source)
    {
        using var reader = new BinaryReader(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        try
        {
            var kind = reader.ReadString();
            if (kind != (AdaBelief ? "adabelief" : "rmsprop"))
            {
                // Another optimizer's moments mean nothing here: start this one afresh.
                Steps = 0;
                return;
            }
            var steps = reader.ReadInt64();
            if (reader.ReadInt32() != _parameters.Length) throw new InvalidDataException($"holds moments of another number of weights than {_parameters.Length}");
            foreach (var t in _first.Concat(_second)) t.Load(reader);
            Steps = steps;
        }
        catch (Exception e) when (e is IOException or InvalidDataException or ArgumentException or InvalidOperationException)
        {
            throw new FaceLabException(source, $"optimizer state does not fit this model: {e.Message}", "restore a backup of the model, or train it again", e);
        }
    }

    public void Dispose()
    {
        foreach (var t in _first.Concat(_second)) t.Dispose();
    }
}
