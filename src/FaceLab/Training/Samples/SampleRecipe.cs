namespace FaceLab.Training.Samples;

/// <summary>
/// What a model's batches hold and how their faces are chosen: the sample options of each side
/// (resolution, face type, warp, grayscale...) and, optionally, how src faces are picked given the
/// dst batches (LIAEF128YAW matches src yaw to dst's). A model type declares its recipe; the
/// training session only follows it.
/// </summary>
internal sealed record SampleRecipe
{
    public required SampleOptions Source { get; init; }

    public required SampleOptions Destination { get; init; }

    /// <summary>Builds the src face chooser from the dst batch factory and the src faces' yaws; null: shuffled epochs (or uniform yaw when the options ask).</summary>
    internal Func<SampleBatchFactory, FaceYaws, IFaceChooser>? SourceChooser { get; init; }

    /// <summary>The same options on both sides.</summary>
    public static SampleRecipe Symmetric(SampleOptions options) => new() { Source = options, Destination = options };
}
