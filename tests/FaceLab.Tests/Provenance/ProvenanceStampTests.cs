using FaceLab.Provenance;
using FaceLab.Tests.Support;
using OpenCvSharp;

namespace FaceLab.Tests.Provenance;

/// <summary>The mark in merged frames: PNG text chunk or JPEG comment, read back by FaceLab and by exiftool, pixels untouched.</summary>
public class ProvenanceStampTests
{
    private static readonly ProvenanceMark Mark = new("FaceLab", "0.1.0", new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero), ProvenanceMark.DefaultStatement);

    [Theory]
    [InlineData(".png")]
    [InlineData(".jpg")]
    public async Task AStampedFrameCarriesTheMarkAndKeepsItsPixels(string extension)
    {
        using var frame = new Mat(48, 64, MatType.CV_8UC3, new Scalar(30, 120, 200));
        Cv2.Circle(frame, new Point(32, 24), 10, Scalar.All(255), -1);
        Cv2.ImEncode(extension, frame, out var encoded);

        var stamped = ProvenanceStamp.Apply(encoded, Mark);

        Assert.Equal(Mark, ProvenanceStamp.Read(stamped, "frame"));
        Assert.Null(ProvenanceStamp.Read(encoded, "frame"));
        using var decoded = Cv2.ImDecode(stamped, ImreadModes.Color);
        using var original = Cv2.ImDecode(encoded, ImreadModes.Color);
        Assert.Equal(0, Cv2.Norm(decoded, original, NormTypes.INF));
        using var temp = new TempFolder();
        var path = temp.Combine("frame" + extension);
        await File.WriteAllBytesAsync(path, stamped);
        Assert.Equal(Mark, await FaceLab.Media.ProvenanceReader.ReadAsync(path));
        Assert.Contains("Synthetic media made with FaceLab", MediaOracle.Run("exiftool", path)); // a second reader finds it too
    }
}
