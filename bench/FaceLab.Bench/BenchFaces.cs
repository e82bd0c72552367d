using FaceLab.Faces.Extraction;
using FaceLab.Media;

namespace FaceLab.Bench;

/// <summary>Aligned demo faces for benchmarks: frames of a video at a rate, then faces at 128 px with the default tools.</summary>
public static class BenchFaces
{
    /// <summary>Extracts into <paramref name="folder"/> and returns its <c>aligned/</c> folder.</summary>
    public static async Task<string> ExtractAsync(string video, string folder, double? fps, CancellationToken ct)
    {
        await FrameExtractor.ExtractAsync(video, folder, new FrameExtractionOptions { Fps = fps }, null, ct);
        var aligned = Path.Combine(folder, "aligned");
        await FaceExtraction.RunAsync(folder, aligned, FaceExtractionTools.Default, new FaceExtractionOptions { Size = 128 }, ct: ct);
        return aligned;
    }
}
