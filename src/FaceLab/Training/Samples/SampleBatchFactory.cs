using FaceLab.Faces.Alignment;
using FaceLab.Imaging;
using FaceLab.Imaging.ColorTransfer;
using FaceLab.Training.Inference;
using OpenCvSharp;

namespace FaceLab.Training.Samples;

/// <summary>
/// Makes batch number b as a pure function of (seed, b): every sample draws its random numbers from
/// <see cref="SampleRandom.For"/>(seed, b, n), in a fixed order — face choice and flip (the
/// <see cref="Plan(long, int)"/>), the transform, the warp, the colour reference. Thread-safe: workers call
/// <see cref="Build"/> for different batches at once.
/// </summary>
internal sealed class SampleBatchFactory
{
    private readonly Lazy<FaceYaws> _yaws;
    private readonly IFaceChooser _chooser;
    private readonly IColorTransfer _colorTransfer;

    /// <param name="faces">The face set, cropped for <paramref name="options"/>' resolution and face type.</param>
    /// <param name="chooser">Face choice; default shuffled epochs, or even over yaw with <see cref="SampleOptions.UniformYaw"/>.</param>
    /// <param name="colorReference">The set whose colours samples take on (dst) when a colour transfer is on.</param>
    public SampleBatchFactory(
        FaceCropCache faces, SampleOptions options, int batchSize, int seed,
        IFaceChooser? chooser = null, FaceCropCache? colorReference = null)
    {
        options.Validate();
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        if (faces.Resolution != options.Resolution)
            throw new ArgumentException($"the face cache is at {faces.Resolution} px, the options ask for {options.Resolution} px", nameof(faces));
        Faces = faces;
        Options = options;
        BatchSize = batchSize;
        Seed = seed;
        _colorTransfer = ColorTransfers.Create(options.ColorTransfer);
        if (!ColorTransfers.IsNone(options.ColorTransfer))
            ColorReference = colorReference ?? throw new ArgumentException($"colour transfer '{options.ColorTransfer}' needs a colour reference face set", nameof(colorReference));
        _yaws = new Lazy<FaceYaws>(() => new FaceYaws(faces));
        _chooser = chooser ?? (options.UniformYaw
            ? new UniformYawFaceChooser(Yaws, options.YawBins)
            : new ShuffledFaceChooser(faces.Count, batchSize, seed));
    }

    public FaceCropCache Faces { get; }

    public FaceCropCache? ColorReference { get; }

    public SampleOptions Options { get; }

    public int BatchSize { get; }

    public int Seed { get; }

    /// <summary>Yaw of every face, computed on first use.</summary>
    public FaceYaws Yaws => _yaws.Value;

    /// <summary>The face and flip of sample <paramref name="sampleIndex"/> of batch <paramref name="batchIndex"/>, without making it.</summary>
    public SamplePlan Plan(long batchIndex, int sampleIndex) => Plan(batchIndex, sampleIndex, SampleRandom.For(Seed, batchIndex, sampleIndex));

    public SampleBatch Build(long batchIndex)
    {
        var batch = new SampleBatch(batchIndex, BatchSize, Options.Resolution);
        for (var n = 0; n < BatchSize; n++) BuildSample(batch, n);
        return batch;
    }

    private SamplePlan Plan(long batchIndex, int sampleIndex, SampleRandom random)
    {
        var choice = _chooser.Choose(batchIndex, sampleIndex, random);
        var flipDraw = random.NextDouble();
        var flip = choice.Flip ?? flipDraw < Options.Transform.FlipProbability;
        var yaw = Yaws[choice.FaceIndex];
        return new SamplePlan(choice.FaceIndex, flip, flip ? -yaw : yaw);
    }

    private void BuildSample(SampleBatch batch, int n)
    {
        var random = SampleRandom.For(Seed, batch.Index, n);
        var plan = Plan(batch.Index, n, random);
        var resolution = Options.Resolution;
        var crop = Faces.Get(plan.FaceIndex);
        var transform = SampleTransform.Draw(Options.Transform, resolution, plan.Flip, random);
        var cropToSample = transform.ToAffine(resolution).After(new Affine2D(1, 0, -crop.Margin, 0, 1, -crop.Margin));

        using var colours = Colours(crop, random);
        using var target = new Mat();
        using (var matrix = cropToSample.ToMat())
            Cv2.WarpAffine(colours, target, matrix, new Size(resolution, resolution), InterpolationFlags.Cubic, BorderTypes.Replicate);
        ClampUnit(target);
        var imageOffset = n * 3 * resolution * resolution;
        ImageTensors.CopyPlanar(target, batch.Targets, imageOffset);
        if (Options.RandomWarp)
        {
            var (mapX, mapY) = RandomWarp.Maps(resolution, random, cropToSample.Inverse());
            using (mapX)
            using (mapY)
            using (var input = new Mat())
            {
                Cv2.Remap(colours, input, mapX, mapY, InterpolationFlags.Cubic, BorderTypes.Replicate);
                ClampUnit(input);
                if (Options.RandomHsvPower > 0) HsvJitter.Apply(input, Options.RandomHsvPower, random);
                ImageTensors.CopyPlanar(input, batch.Inputs, imageOffset);
            }
        }
        else if (Options.RandomHsvPower > 0)
        {
            using var input = target.Clone();
            HsvJitter.Apply(input, Options.RandomHsvPower, random);
            ImageTensors.CopyPlanar(input, batch.Inputs, imageOffset);
        }
        else Array.Copy(batch.Targets, imageOffset, batch.Inputs, imageOffset, 3 * resolution * resolution);

        var landmarks = cropToSample.Apply(crop.Landmarks);
        if (plan.Flip) landmarks = [.. LandmarkGroups.Mirror.Select(i => landmarks[i])];
        var maskOffset = n * resolution * resolution;
        using (var mask = SampleMasks.Face(landmarks, resolution, Options))
            ImageTensors.CopyPlanar(mask, batch.Masks, maskOffset);
        using (var features = SampleMasks.EyesAndMouth(landmarks, resolution, Options))
            ImageTensors.CopyPlanar(features, batch.FeatureMasks, maskOffset);

        batch.Samples[n] = new SampleInfo(plan.FaceIndex, plan.Flip, plan.Yaw, cropToSample.After(crop.FaceToCrop), landmarks);
    }

    /// <summary>The crop as float BGR in [0, 1], recoloured towards a random colour-reference face when asked.</summary>
    private Mat Colours(FaceCrop crop, SampleRandom random)
    {
        var colours = Pixels.BytesToFloat01(crop.Image);
        if (Options.Grayscale)
        {
            using var gray = colours.CvtColor(ColorConversionCodes.BGR2GRAY);
            Cv2.CvtColor(gray, colours, ColorConversionCodes.GRAY2BGR);
            return colours;
        }
        if (ColorReference is null) return colours;
        var reference = ColorReference.Get(random.Next(ColorReference.Count));
        using var referenceColours = Pixels.BytesToFloat01(reference.Image);
        using (colours)
            return _colorTransfer.Apply(colours, referenceColours, seed: random.NextSeed());
    }

    private static void ClampUnit(Mat image)
    {
        // Cubic interpolation overshoots at sharp edges; samples promise [0, 1].
        Cv2.Min(image, 1.0, image);
        Cv2.Max(image, 0.0, image);
    }
}
