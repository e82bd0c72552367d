using FaceLab.Common;
using FaceLab.Training.Devices;
using FaceLab.Training.Layers;
using FaceLab.Training.Losses;
using FaceLab.Training.Models;
using FaceLab.Training.Optimization;
using TorchSharp;
using static TorchSharp.torch;

namespace FaceLab.Training.Trainers;

/// <summary>
/// How SAEHD learns, per step: the reconstruction loss of both identities (<see cref="FaceLoss"/>:
/// 10·DSSIM + 10·MSE, masked, eyes/mouth, mask), then as the options ask the face style of the
/// swap against dst inside the face (100·power), its background style (power/100 · (10·DSSIM +
/// 10·MSE) outside it), the GAN term on src (power · the patch discriminator's verdict, plus
/// 1e-6·total variation and 0.02·MSE of the background when masked) and the true-face term
/// (power · the code discriminator's verdict on dst codes). One <see cref="ElementwiseOptimizer"/>
/// for the model; each discriminator has its own and learns after the model's step.
/// State: <c>optimizer.bin</c>, and <c>gan.bin</c> / <c>true_face.bin</c> with each discriminator's
/// weights and optimizer (missing or of other settings: the discriminator starts afresh).
/// </summary>
internal sealed class SaehdTrainer : ModelTrainer
{
    private const string OptimizerFile = "optimizer.bin", GanFile = "gan.bin", TrueFaceFile = "true_face.bin";
    private const int DiscriminatorSeed = 0x5AE;
    private const double TotalVariationWeight = 1e-6, GanBackgroundWeight = 0.02;
    private readonly SaehdOptions _options;
    private readonly ElementwiseOptimizer _optimizer;
    private readonly FaceLoss _loss;
    private readonly Dssim _dssim;
    private readonly ImageStatistics _statistics;
    private readonly Discriminator<(Tensor Patches, Tensor Pixels)>? _gan;
    private readonly Discriminator<Tensor>? _trueFace;

    public SaehdTrainer(DataParallelModel model, AdamOptions optimizer) : base(model)
    {
        var primary = model.Primary;
        _options = ((SaehdOptions)primary.Options).Effective;
        var device = model.PrimaryDevice;
        var adaBelief = string.Equals(_options.Optimizer, "adabelief", StringComparison.OrdinalIgnoreCase);
        ElementwiseOptimizer Optimizer(IEnumerable<TorchSharp.Modules.Parameter> parameters, bool dropout) =>
            new(parameters, adaBelief, optimizer.LearningRate, _options.ClipGradients, dropout);
        _optimizer = Optimizer(primary.parameters(), _options.LearningRateDropout);
        _loss = new FaceLoss(primary.Resolution, new LossOptions { Masked = _options.MaskedTraining, EyesMouthPriority = _options.EyesMouthPriority }, device);
        _dssim = new Dssim(primary.Resolution, 3, device);
        _statistics = new ImageStatistics(primary.Resolution, device);
        if (_options.GanPower > 0)
        {
            var network = ModelDefinition.Seeded(DiscriminatorSeed, () => new PatchDiscriminator(primary.Resolution, _options.GanPatchSize, _options.GanDims));
            network.to(device);
            _gan = new(network, Optimizer(network.parameters(), false), $"patch res={primary.Resolution} patch={_options.GanPatchSize} dims={_options.GanDims}");
        }
        if (_options.TrueFacePower > 0)
        {
            var network = ModelDefinition.Seeded(DiscriminatorSeed, () => new CodeDiscriminator(_options.AeDims, _options.AeDims));
            network.to(device);
            _trueFace = new(network, Optimizer(network.parameters(), false), $"code ae={_options.AeDims}");
        }
    }

    public override StepLosses TrainStep(TrainingBatch batch)
    {
        using var scope = NewDisposeScope();
        var onDevice = batch.To(Model.PrimaryDevice);
        var source = onDevice.Source;
        var destination = onDevice.Destination;
        if (_options.BlurOutMask)
        {
            source = source with { Face = _statistics.BlurOutside(source.Face, source.Mask) };
            destination = destination with { Face = _statistics.BlurOutside(destination.Face, destination.Mask) };
        }
        Model.Primary.train();
        _optimizer.ZeroGradients();
        Model.ZeroGradients();
        var reconstruction = Model.Reconstruct(onDevice.SourceInput, onDevice.DestinationInput);
        var sourceLoss = _loss.Compute(reconstruction.Source, source);
        var destinationLoss = _loss.Compute(reconstruction.Destination, destination);
        if (_options.FaceStylePower > 0 || _options.BackgroundStylePower > 0)
        {
            var swap = Model.Forward(Models.PredictionDirection.DestinationToSource, onDevice.DestinationInput).Face;
            var inside = destination.Mask;
            var outside = 1 - inside;
            if (_options.FaceStylePower > 0)
                sourceLoss += 100 * _options.FaceStylePower * _statistics.Style(swap * inside, destination.Face * inside);
            if (_options.BackgroundStylePower > 0)
            {
                var (predicted, expected) = (swap * outside, destination.Face * outside);
                destinationLoss += _options.BackgroundStylePower / 100 * (10 * _dssim.Compute(predicted, expected) + 10 * nn.functional.mse_loss(predicted, expected));
            }
        }
        var total = sourceLoss + destinationLoss;
        Tensor? realFaces = null, fakeFaces = null;
        if (_gan is not null)
        {
            (realFaces, fakeFaces) = _options.MaskedTraining
                ? (source.Face * source.Mask, reconstruction.Source.Face * source.Mask)
                : (source.Face, reconstruction.Source.Face);
            total += _options.GanPower * Verdict(_gan.Network.forward(fakeFaces), real: true);
            if (_options.MaskedTraining)
            {
                var outside = 1 - source.Mask;
                total += TotalVariationWeight * ImageStatistics.TotalVariation(reconstruction.Source.Face)
                    + GanBackgroundWeight * nn.functional.mse_loss(reconstruction.Source.Face * outside, source.Face * outside);
            }
        }
        if (_trueFace is not null)
        {
            var codes = reconstruction.DestinationCode ?? throw new FaceLabException("true face", "the model gives no codes to discriminate", "use archi df");
            total += _options.TrueFacePower * nn.functional.binary_cross_entropy_with_logits(_trueFace.Network.forward(codes), ones(codes.shape[0], 1, device: codes.device));
        }
        var (s, d, all) = (sourceLoss.item<float>(), destinationLoss.item<float>(), total.item<float>());
        if (!float.IsFinite(s) || !float.IsFinite(d) || !float.IsFinite(all)) return new StepLosses(s, d, Applied: false);
        total.backward();
        Model.GatherGradients();
        _optimizer.Step();
        Model.BroadcastWeights();
        if (_gan is not null)
            _gan.Learn(Verdict(_gan.Network.forward(realFaces!), real: true) + Verdict(_gan.Network.forward(fakeFaces!.detach()), real: false));
        if (_trueFace is not null)
        {
            var (sourceCode, destinationCode) = (reconstruction.SourceCode!.detach(), reconstruction.DestinationCode!.detach());
            var n = sourceCode.shape[0];
            _trueFace.Learn(nn.functional.binary_cross_entropy_with_logits(_trueFace.Network.forward(sourceCode), ones(n, 1, device: sourceCode.device))
                + nn.functional.binary_cross_entropy_with_logits(_trueFace.Network.forward(destinationCode), zeros(n, 1, device: destinationCode.device)));
        }
        return new StepLosses(s, d, Applied: true);
    }

    /// <summary>Binary cross-entropy of both of the patch discriminator's outputs against "real" or "fake", averaged.</summary>
    private static Tensor Verdict((Tensor Patches, Tensor Pixels) output, bool real)
    {
        Tensor Against(Tensor logits) => nn.functional.binary_cross_entropy_with_logits(logits, real ? ones_like(logits) : zeros_like(logits));
        return (Against(output.Patches) + Against(output.Pixels)) / 2;
    }

    public override void SaveState(string checkpointFolder)
    {
        using (var stream = File.Create(Path.Combine(checkpointFolder, OptimizerFile))) _optimizer.Save(stream);
        _gan?.Save(Path.Combine(checkpointFolder, GanFile));
        _trueFace?.Save(Path.Combine(checkpointFolder, TrueFaceFile));
    }

    public override void LoadState(string checkpointFolder)
    {
        var path = Path.Combine(checkpointFolder, OptimizerFile);
        using (var stream = File.OpenRead(path)) _optimizer.Load(stream, path);
        _gan?.Load(Path.Combine(checkpointFolder, GanFile));
        _trueFace?.Load(Path.Combine(checkpointFolder, TrueFaceFile));
    }

    public override void Dispose()
    {
        _optimizer.Dispose();
        _loss.Dispose();
        _dssim.Dispose();
        _statistics.Dispose();
        _gan?.Dispose();
        _trueFace?.Dispose();
        base.Dispose();
    }

    /// <summary>A discriminator, its optimizer and the settings text its saved state must match.</summary>
    private sealed class Discriminator<TOutput>(nn.Module<Tensor, TOutput> network, ElementwiseOptimizer optimizer, string settings) : IDisposable
    {
        public nn.Module<Tensor, TOutput> Network { get; } = network;

        /// <summary>One step of the discriminator on its own loss (the model's step put gradients in it too: cleared first).</summary>
        public void Learn(Tensor loss)
        {
            optimizer.ZeroGradients();
            loss.backward();
            optimizer.Step();
        }

        public void Save(string path)
        {
            using var stream = File.Create(path);
            using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
            {
                writer.Write(settings);
                Network.save(writer);
            }
            optimizer.Save(stream);
        }

        /// <summary>Restores a saved state of the same settings; none, or other settings (turned on or changed since): keeps the fresh one.</summary>
        public void Load(string path)
        {
            if (!File.Exists(path)) return;
            using var stream = File.OpenRead(path);
            using (var reader = new BinaryReader(stream, System.Text.Encoding.UTF8, leaveOpen: true))
            {
                if (reader.ReadString() != settings) return;
                Network.load(reader, strict: true);
            }
            optimizer.Load(stream, path);
        }

        public void Dispose()
        {
            optimizer.Dispose();
            Network.Dispose();
        }
    }
}
