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
    private readonly Lazy<FaceNeighbours> _neighbours;
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
        _neighbours = new Lazy<FaceNeighbours>(() => FaceNeighbours.Of(faces.FaceSet));
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

    /// <summary>Each face's previous and next video frame, worked out on first use.</summary>
    public FaceNeighbours Neighbours => _neighbours.Value;

    /// <summary>The face and flip of sample <paramref name="sampleIndex"/> of batch <paramref name="batchIndex"/>, without making it.</summary>
    public SamplePlan Plan(long batchIndex, int sampleIndex) => Plan(batchIndex, sampleIndex, SampleRandom.For(Seed, batchIndex, sampleIndex));

    public SampleBatch Build(long batchIndex)
    {
        var batch = new SampleBatch(batchIndex, BatchSize, Options.Resolution, Options.InputSize, Options.TemporalFrames);
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

        // Drawn once per sample: every frame of a temporal sample takes the same colours, geometry and warp.
        var recolour = Recolouring(random);
        using var colours = recolour(crop);
        using var target = Transformed(colours, cropToSample);
        var imageOffset = n * 3 * resolution * resolution;
        ImageTensors.CopyPlanar(target, batch.Targets, imageOffset);
        var warp = Options.RandomWarp ? RandomWarp.Maps(resolution, random, cropToSample.Inverse()) : ((Mat, Mat)?)null;
        try
        {
            if (Options.TemporalFrames == 1 && Options.InputSize == resolution)
            {
                if (warp is null && Options.RandomHsvPower == 0) Array.Copy(batch.Targets, imageOffset, batch.Inputs, imageOffset, 3 * resolution * resolution);
                else
                {
                    using var input = Input(colours, target, warp, random);
                    ImageTensors.CopyPlanar(input, batch.Inputs, imageOffset);
                }
            }
            else TemporalInputs(batch, n, plan.FaceIndex, colours, target, cropToSample, recolour, warp, random);
        }
        finally
        {
            warp?.Item1.Dispose();
            warp?.Item2.Dispose();
        }

        var landmarks = cropToSample.Apply(crop.Landmarks);
        if (plan.Flip) landmarks = [.. LandmarkGroups.Mirror.Select(i => landmarks[i])];
        var maskOffset = n * resolution * resolution;
        using (var mask = SampleMasks.Face(landmarks, resolution, Options))
            ImageTensors.CopyPlanar(mask, batch.Masks, maskOffset);
        using (var features = SampleMasks.EyesAndMouth(landmarks, resolution, Options))
            ImageTensors.CopyPlanar(features, batch.FeatureMasks, maskOffset);

        batch.Samples[n] = new SampleInfo(plan.FaceIndex, plan.Flip, plan.Yaw, cropToSample.After(crop.FaceToCrop), landmarks);
    }

    /// <summary>
    /// The inputs of a model that reads smaller faces or several frames: for each frame (the previous,
    /// the current and the next face of the same video with <see cref="SampleOptions.TemporalFrames"/> 3)
    /// the crop under the sample's transform and warp, jittered alike, shrunk to the input size.
    /// </summary>
    private void TemporalInputs(SampleBatch batch, int n, int faceIndex, Mat colours, Mat target, Affine2D cropToSample,
        Func<FaceCrop, Mat> recolour, (Mat X, Mat Y)? warp, SampleRandom random)
    {
        var size = Options.InputSize;
        int[] frames = Options.TemporalFrames == 1 ? [faceIndex] : Neighbours.Frames(faceIndex);
        var jitterSeed = Options.RandomHsvPower > 0 ? random.NextUInt64() : 0;
        var frameLength = 3 * size * size;
        for (var k = 0; k < frames.Length; k++)
        {
            var current = frames[k] == faceIndex;
            using var frameColours = current ? null : recolour(Faces.Get(frames[k]));
            using var frameTarget = current || warp is not null ? null : Transformed(frameColours!, cropToSample);
            using var input = Input(frameColours ?? colours, frameTarget ?? target, warp, new SampleRandom(jitterSeed));
            using var sized = size == input.Rows ? null : input.Resize(new Size(size, size), 0, 0, size < input.Rows ? InterpolationFlags.Area : InterpolationFlags.Cubic);
            ImageTensors.CopyPlanar(sized ?? input, batch.Inputs, (n * frames.Length + k) * frameLength);
        }
    }

    /// <summary>One input image: the warped crop (or the target without the warp), HSV-jittered when asked. A new Mat.</summary>
    private Mat Input(Mat colours, Mat target, (Mat X, Mat Y)? warp, SampleRandom random)
    {
        Mat input;
        if (warp is { } maps)
        {
            input = new Mat();
            Cv2.Remap(colours, input, maps.X, maps.Y, InterpolationFlags.Cubic, BorderTypes.Replicate);
            ClampUnit(input);
        }
        else input = target.Clone();
        if (Options.RandomHsvPower > 0) HsvJitter.Apply(input, Options.RandomHsvPower, random);
        return input;
    }

    /// <summary>The crop's colours under the sample's transform, at the sample resolution.</summary>
    private Mat Transformed(Mat colours, Affine2D cropToSample)
    {
        var resolution = Options.Resolution;
        var target = new Mat();
        using (var matrix = cropToSample.ToMat())
            Cv2.WarpAffine(colours, target, matrix, new Size(resolution, resolution), InterpolationFlags.Cubic, BorderTypes.Replicate);
        ClampUnit(target);
        return target;
    }

    /// <summary>
    /// Draws the sample's colour treatment now (the colour reference and its seed, when a transfer is on)
    /// and returns it: a crop as float BGR in [0, 1], greyed or recoloured as the options say.
    /// </summary>
    private Func<FaceCrop, Mat> Recolouring(SampleRandom random)
    {
        if (Options.Grayscale)
            return crop =>
            {
                var colours = Pixels.BytesToFloat01(crop.Image);
                using var gray = colours.CvtColor(ColorConversionCodes.BGR2GRAY);
                Cv2.CvtColor(gray, colours, ColorConversionCodes.GRAY2BGR);
                return colours;
            };
        if (ColorReference is null) return crop => Pixels.BytesToFloat01(crop.Image);
        var reference = ColorReference.Get(random.Next(ColorReference.Count));
        var seed = random.NextSeed();
        return crop =>
        {
            using var colours = Pixels.BytesToFloat01(crop.Image);
            using var referenceColours = Pixels.BytesToFloat01(reference.Image);
            return _colorTransfer.Apply(colours, referenceColours, seed: seed);
        };
    }

    private static void ClampUnit(Mat image)
    {
        // Cubic interpolation overshoots at sharp edges; samples promise [0, 1].
        Cv2.Min(image, 1.0, image);
        Cv2.Max(image, 0.0, image);
    }
}
