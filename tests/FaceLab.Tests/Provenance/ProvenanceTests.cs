using FaceLab.Imaging;
using FaceLab.Media;
using FaceLab.Provenance;
using FaceLab.Tests.Support;
using MetadataExtractor;
using MetadataExtractor.Formats.Png;
using OpenCvSharp;

namespace FaceLab.Tests.Provenance;

public class ProvenanceTests
{
    [Fact]
    public void MarkTextRoundTrips()
    {
        var mark = new ProvenanceMark("FaceLab", "1.2.3", new DateTimeOffset(2026, 11, 24, 10, 20, 30, TimeSpan.Zero), ProvenanceMark.DefaultStatement);
        var parsed = ProvenanceMark.TryParse(mark.ToText());
        Assert.Equal(mark, parsed);
        Assert.Null(ProvenanceMark.TryParse("Lavf59.27.100"));
        // Matches the pattern but is no date: "none", not an exception that escapes the CLI.
        Assert.Null(ProvenanceMark.TryParse("Synthetic media made with FaceLab 0.1.0 on 2026-13-45T25:61:61Z: faces replaced"));
    }

    [Fact]
    public async Task PngFrameCarriesTheMarkReadableByOtherTools()
    {
        using var temp = new TempFolder();
        using var image = new Mat(48, 64, MatType.CV_8UC3, new Scalar(10, 200, 30));
        Cv2.ImEncode(".png", image, out var png);
        var mark = ProvenanceMark.Now();
        var path = temp.Combine("00001.png");
        await File.WriteAllBytesAsync(path, PngChunks.WithText(png, ProvenanceMark.PngKeyword, mark.ToText()));

        Assert.Equal(mark.ToText(), (await ProvenanceReader.ReadAsync(path))!.ToText());
        using var decoded = Cv2.ImRead(path);
        Assert.Equal(0, Cv2.Norm(decoded, image, NormTypes.L1)); // still the same valid image
        var texts = ImageMetadataReader.ReadMetadata(path).OfType<PngDirectory>()
            .SelectMany(d => d.Tags).Select(t => t.Description ?? "");
        Assert.Contains(texts, t => t.Contains("Synthetic media made with FaceLab", StringComparison.Ordinal));
    }

    [Fact]
    public async Task FilesWithoutTheMarkReadAsNone()
    {
        using var temp = new TempFolder();
        using var image = new Mat(8, 8, MatType.CV_8UC3, Scalar.All(0));
        Cv2.ImWrite(temp.Combine("plain.png"), image);

        Assert.Null(await ProvenanceReader.ReadAsync(temp.Combine("plain.png")));
        Assert.Null(await ProvenanceReader.ReadAsync(TestPaths.VideoWithAudio));
    }

    [Fact]
    public void ReplacingTheTextChunkKeepsOneCopy()
    {
        using var image = new Mat(8, 8, MatType.CV_8UC3, Scalar.All(0));
        Cv2.ImEncode(".png", image, out var png);
        var once = PngChunks.WithText(png, "k", "first");
        var twice = PngChunks.WithText(once, "k", "second");

        Assert.Equal("second", PngChunks.ReadText(twice, "k", "mem.png"));
        Assert.Equal(once.Length - "first".Length + "second".Length, twice.Length);
    }

    [Fact]
    public void DamagedPngIsAClearError()
    {
        using var image = new Mat(8, 8, MatType.CV_8UC3, Scalar.All(0));
        Cv2.ImEncode(".png", image, out var png);
        var damaged = png[..(png.Length - 20)];
        var error = Assert.Throws<FaceLab.Common.FaceLabException>(() => PngChunks.ReadText(damaged, "k", "frame.png"));
        Assert.Contains("frame.png", error.Message);
    }
}
