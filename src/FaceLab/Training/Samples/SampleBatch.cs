using FaceLab.Faces.Alignment;
using OpenCvSharp;

namespace FaceLab.Training.Samples;

/// <summary>
/// A batch of training samples as flat float buffers in NCHW layout, ready for
/// <c>torch.tensor(buffer, shape)</c>. Images are 3 channels in <b>BGR</b> order (OpenCV's; a model
/// trained on BGR predicts BGR, which the merge stage writes as is), values in [0, 1]; masks are 1
/// channel in [0, 1]. Sample n occupies <c>[n·C·R·R, (n+1)·C·R·R)</c> of each buffer.
/// </summary>
internal sealed class SampleBatch
{
    public const string ChannelOrder = "BGR";

    /// <param name="inputResolution">Side of the inputs (default: <paramref name="resolution"/>).</param>
    /// <param name="frames">Video frames per input, stacked on the channels (default 1).</param>
    public SampleBatch(long index, int count, int resolution, int? inputResolution = null, int frames = 1)
    {
        Index = index;
        Count = count;
        Resolution = resolution;
        InputResolution = inputResolution ?? resolution;
        InputChannels = 3 * frames;
        var plane = resolution * resolution;
        Inputs = new float[count * InputChannels * InputResolution * InputResolution];
        Targets = new float[count * 3 * plane];
        Masks = new float[count * plane];
        FeatureMasks = new float[count * plane];
        Samples = new SampleInfo[count];
    }

    /// <summary>Position of the batch in the generator's sequence (0, 1, 2…).</summary>
    public long Index { get; }

    public int Count { get; }

    public int Resolution { get; }

    /// <summary>Side of the inputs: <see cref="Resolution"/> unless the model reads a smaller face.</summary>
    public int InputResolution { get; }

    /// <summary>Channels of an input: 3, or 9 for three video frames (previous, current, next).</summary>
    public int InputChannels { get; }

    /// <summary>Warped inputs (the random warp on top of the shared transform), N×C×I×I (<see cref="InputShape"/>).</summary>
    public float[] Inputs { get; }

    /// <summary>Unwarped targets (the shared transform only), N×3×R×R.</summary>
    public float[] Targets { get; }

    /// <summary>Face hull masks (blurred by the mask-blur option), N×1×R×R.</summary>
    public float[] Masks { get; }

    /// <summary>Eye and mouth masks (union), N×1×R×R, for the eyes/mouth loss weight.</summary>
    public float[] FeatureMasks { get; }

    /// <summary>What each sample is: face, flip, yaw, transform, landmarks.</summary>
    public SampleInfo[] Samples { get; }

    /// <summary>Shape of <see cref="Inputs"/>: [N, C, I, I]; [N, 3, R, R] for a plain model.</summary>
    public long[] InputShape => [Count, InputChannels, InputResolution, InputResolution];

    /// <summary>Shape of <see cref="Targets"/>: [N, 3, R, R].</summary>
    public long[] ImageShape => [Count, 3, Resolution, Resolution];

    /// <summary>Shape of <see cref="Masks"/> and <see cref="FeatureMasks"/>: [N, 1, R, R].</summary>
    public long[] MaskShape => [Count, 1, Resolution, Resolution];
}

/// <summary>One sample's provenance.</summary>
/// <param name="FaceIndex">Index in the face set.</param>
/// <param name="Flipped">Mirrored horizontally (landmarks re-indexed with the iBUG mirror permutation).</param>
/// <param name="Yaw">Head yaw in degrees as seen in the sample (negated when flipped).</param>
/// <param name="FaceToSample">Face file pixels → sample pixels: the exact transform of target and masks.</param>
/// <param name="Landmarks">The 68 landmarks in sample pixels, in iBUG order (mirrored faces re-indexed).</param>
internal sealed record SampleInfo(int FaceIndex, bool Flipped, double Yaw, Affine2D FaceToSample, Point2d[] Landmarks);
