using FaceLab.Training.Export;
using FaceLab.Training.Layers;
using FaceLab.Training.Samples;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace FaceLab.Training.Models;

/// <summary>
/// MIAEF128: full face at 128 px that learns src without colour, so the swap takes its colour and
/// brightness from dst (good in dark scenes). Layout:
/// <list type="bullet">
/// <item>a shared encoder (e, 2e, 4e, 8e) and two bottlenecks A and B (dense ae → dense
/// (res/16)²·inter → upscale), each giving a (res/8)² map;</item>
/// <item>two common decoders, CA and CB, each with an image branch (upscales 4d, 2d, d) and a mask
/// branch (upscales 2d, d, d/2) on a concatenated pair of bottleneck maps;</item>
/// <item>heads on the concatenated branches of two common decoders: RGB (5×5 → 3) and BW (5×5 → 1)
/// on the image branches, the mask (5×5 → 1) on the mask branches.</item>
/// </list>
/// src → src: CA twice on A‖A → BW head (trained on grayscale src: input and target GGG);
/// dst → dst: CA and CB on B‖A → RGB head; the swap dst → src: CA and CB on A‖A → RGB head. A is
/// the only bottleneck src trains, so the swap carries src's identity, while CB and the RGB head
/// are trained only by dst and bring dst's colour. The BW output is repeated into three channels
/// so every model predicts the same shape.
/// </summary>
internal sealed class Miaef128Model : FaceSwapModel
{
    public const string ArchitectureName = "MIAEF128";

    /// <summary>128 px full face, e 128, ae 256, inter 512, upscale 512, d 128 (image 512-256-128, mask 256-128-64).</summary>
    public static AutoencoderOptions Defaults { get; } = Liaef128Model.Defaults;

    private readonly ConvEncoder encoder;
    private readonly DenseInter interA, interB;
    private readonly CommonDecoder commonA, commonB;
    private readonly Conv2d rgbHead, bwHead, maskHead;

    public Miaef128Model(AutoencoderOptions options) : base(ArchitectureName, 1, options)
    {
        var features = ConvEncoder.OutputFeatures(options.EncoderDims, options.Resolution);
        var low = options.Resolution / 16;
        encoder = new ConvEncoder(options.EncoderDims);
        interA = new DenseInter(features, options.AeDims, low, options.InterDims, options.InterUpscaleDims, "interA");
        interB = new DenseInter(features, options.AeDims, low, options.InterDims, options.InterUpscaleDims, "interB");
        commonA = new CommonDecoder(options.InterUpscaleDims * 2, options.DecoderDims, "commonA");
        commonB = new CommonDecoder(options.InterUpscaleDims * 2, options.DecoderDims, "commonB");
        rgbHead = nn.Conv2d(options.DecoderDims * 2, 3, kernel_size: 5, padding: 2);
        bwHead = nn.Conv2d(options.DecoderDims * 2, 1, kernel_size: 5, padding: 2);
        maskHead = nn.Conv2d(CommonDecoder.MaskChannels(options.DecoderDims) * 2, 1, kernel_size: 5, padding: 2);
        RegisterComponents();
    }

    /// <summary>src in grayscale (input and target), dst in colour.</summary>
    public static SampleRecipe Recipe(AutoencoderOptions options)
    {
        var plain = new SampleOptions { Resolution = options.Resolution, FaceType = options.FaceType };
        return new SampleRecipe { Source = plain with { Grayscale = true }, Destination = plain };
    }

    public override ReconstructionPair Reconstruct(Tensor source, Tensor destination) =>
        new(Forward(PredictionDirection.SourceToSource, source),
            Forward(PredictionDirection.DestinationToDestination, destination));

    public override FaceOutput Forward(PredictionDirection direction, Tensor faces)
    {
        var code = encoder.forward(faces);
        var a = interA.forward(code);
        var first = direction == PredictionDirection.DestinationToDestination ? interB.forward(code) : a;
        return Decode(direction, cat([first, a], 1));
    }

    public override (FaceOutput Swap, Tensor DestinationMask) ForwardSwap(Tensor faces)
    {
        var code = encoder.forward(faces);
        var a = interA.forward(code);
        return (Decode(PredictionDirection.DestinationToSource, cat([a, a], 1)),
            Decode(PredictionDirection.DestinationToDestination, cat([interB.forward(code), a], 1)).Mask);
    }

    /// <summary>The common decoders and heads on the joined bottleneck maps: BW for src → src, RGB otherwise.</summary>
    private FaceOutput Decode(PredictionDirection direction, Tensor joined)
    {
        var (imageA, maskA) = commonA.forward(joined);
        if (direction == PredictionDirection.SourceToSource)
        {
            var gray = PaddedConvolution.Forward(bwHead, cat([imageA, imageA], 1)).sigmoid();
            return new FaceOutput(gray.expand(-1, 3, -1, -1), PaddedConvolution.Forward(maskHead, cat([maskA, maskA], 1)).sigmoid());
        }
        var (imageB, maskB) = commonB.forward(joined);
        return new FaceOutput(PaddedConvolution.Forward(rgbHead, cat([imageA, imageB], 1)).sigmoid(), PaddedConvolution.Forward(maskHead, cat([maskA, maskB], 1)).sigmoid());
    }

    /// <summary>The swap and the dst mask in ONNX: the colour path (CA and CB, RGB head) on A‖A and on B‖A.</summary>
    internal override SwapValues ExportSwap(OnnxGraph graph, OnnxValue faces)
    {
        var code = encoder.Export(graph, faces);
        var a = interA.Export(graph, code);
        var (face, mask) = ExportColour(graph, graph.Concat(1, a, a));
        return new SwapValues(face, mask, ExportColour(graph, graph.Concat(1, interB.Export(graph, code), a)).Mask);
    }

    private (OnnxValue Face, OnnxValue Mask) ExportColour(OnnxGraph graph, OnnxValue joined)
    {
        var (imageA, maskA) = commonA.Export(graph, joined);
        var (imageB, maskB) = commonB.Export(graph, joined);
        return (graph.Sigmoid(graph.Conv(rgbHead, graph.Concat(1, imageA, imageB))), graph.Sigmoid(graph.Conv(maskHead, graph.Concat(1, maskA, maskB))));
    }

    public override IReadOnlyList<ParameterGroup> ParameterGroups() =>
    [
        Group("encoder", encoder), Group("inter_a", interA), Group("inter_b", interB),
        Group("common_a", commonA), Group("common_b", commonB),
        new ParameterGroup("heads", All(rgbHead, bwHead, maskHead)),
    ];

    /// <summary>Two upscale branches from one input: image features (4d, 2d, d) and mask features (2d, d, d/2).</summary>
    private sealed class CommonDecoder : nn.Module<Tensor, (Tensor Image, Tensor Mask)>
    {
        private readonly Upscale image1, image2, image3, mask1, mask2, mask3;

        public CommonDecoder(int inChannels, int decoderDims, string name) : base(name)
        {
            image1 = new Upscale(inChannels, decoderDims * 4);
            image2 = new Upscale(decoderDims * 4, decoderDims * 2);
            image3 = new Upscale(decoderDims * 2, decoderDims);
            mask1 = new Upscale(inChannels, decoderDims * 2);
            mask2 = new Upscale(decoderDims * 2, decoderDims);
            mask3 = new Upscale(decoderDims, MaskChannels(decoderDims));
            RegisterComponents();
        }

        public static int MaskChannels(int decoderDims) => Math.Max(1, decoderDims / 2);

        public override (Tensor Image, Tensor Mask) forward(Tensor input) =>
            (image3.forward(image2.forward(image1.forward(input))), mask3.forward(mask2.forward(mask1.forward(input))));

        public (OnnxValue Image, OnnxValue Mask) Export(OnnxGraph graph, OnnxValue input) =>
            (image3.Export(graph, image2.Export(graph, image1.Export(graph, input))), mask3.Export(graph, mask2.Export(graph, mask1.Export(graph, input))));
    }
}
