using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace FaceLab.Training.Layers;

/// <summary>
/// A U-Net patch discriminator (SAEHD's GAN): 4×4 stride-2 convolutions down to a level whose
/// receptive field covers the patch size (a 1×1 head there judges each patch), then transposed
/// convolutions back up, each joined with the encoder map of its size, to a 1×1 head that judges
/// every pixel. Widths start at dims and double per level, at most 8×. Outputs are logits.
/// </summary>
internal sealed class PatchDiscriminator : nn.Module<Tensor, (Tensor Patches, Tensor Pixels)>
{
    private readonly ModuleList<Conv2d> down;
    private readonly ModuleList<ConvTranspose2d> up;
    private readonly ModuleList<Conv2d> join;
    private readonly Conv2d patchHead, pixelHead;

    public PatchDiscriminator(int resolution, int patchSize, int dims, string name = nameof(PatchDiscriminator)) : base(name)
    {
        Levels = LevelsFor(resolution, patchSize);
        var widths = Enumerable.Range(0, Levels).Select(i => dims * Math.Min(1 << i, 8)).ToArray();
        down = new ModuleList<Conv2d>([.. widths.Select((w, i) => nn.Conv2d(i == 0 ? 3 : widths[i - 1], w, kernel_size: 4, stride: 2, padding: 1))]);
        // Up from level i+1 to level i's size, joined with level i's map, back to level i's width.
        up = new ModuleList<ConvTranspose2d>([.. Enumerable.Range(0, Levels - 1).Select(i => nn.ConvTranspose2d(widths[i + 1], widths[i], kernel_size: 4, stride: 2, padding: 1))]);
        join = new ModuleList<Conv2d>([.. Enumerable.Range(0, Levels - 1).Select(i => nn.Conv2d(widths[i] * 2, widths[i], kernel_size: 3, padding: 1))]);
        patchHead = nn.Conv2d(widths[^1], 1, kernel_size: 1);
        pixelHead = nn.Conv2d(widths[0], 4, kernel_size: 1);
        RegisterComponents();
    }

    /// <summary>Down-sampling levels: the fewest whose receptive field (1 + 3·(2ᴸ − 1) px) covers the patch, leaving at least 4×4 at the bottom.</summary>
    public int Levels { get; }

    public static int LevelsFor(int resolution, int patchSize)
    {
        var most = Math.Max(1, (int)Math.Log2(resolution / 4.0));
        var levels = 1;
        while (levels < most && 1 + 3 * ((1 << levels) - 1) < patchSize) levels++;
        return levels;
    }

    public override (Tensor Patches, Tensor Pixels) forward(Tensor input)
    {
        var maps = new List<Tensor>();
        var x = input;
        foreach (var conv in down)
        {
            x = LeakyRelu.Forward(PaddedConvolution.Forward(conv, x), 0.2);
            maps.Add(x);
        }
        var patches = PaddedConvolution.Forward(patchHead, x);
        for (var i = Levels - 2; i >= 0; i--)
        {
            x = LeakyRelu.Forward(up[i].forward(x), 0.2);
            x = LeakyRelu.Forward(PaddedConvolution.Forward(join[i], cat([x, maps[i]], 1)), 0.2);
        }
        // The first level is at half resolution: four logits per position, depth-to-space to full size.
        return (patches, nn.functional.pixel_shuffle(PaddedConvolution.Forward(pixelHead, x), 2));
    }
}
