namespace FaceLab.Media;

/// <summary>How <see cref="FrameExtractor"/> turns a video into numbered frame images.</summary>
public sealed record FrameExtractionOptions
{
    /// <summary>Frames per second to keep; null (the default) keeps every frame, DeepFaceLab's "full".</summary>
    public double? Fps { get; init; }

    /// <summary>Image format of the frames; PNG (lossless) by default.</summary>
    public FrameImageFormat Format { get; init; } = FrameImageFormat.Png;

    /// <summary>Replace frames already in the output folder; off by default (the run refuses instead).</summary>
    public bool Overwrite { get; init; }
}

/// <summary>What an extraction produced.</summary>
/// <param name="Warnings">Decoder complaints that did not lose frames (shown to the user).</param>
public sealed record FrameExtractionResult(string OutputFolder, int FrameCount, VideoInfo Source, IReadOnlyList<string> Warnings);
