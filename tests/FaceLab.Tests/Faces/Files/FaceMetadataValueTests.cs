using System.Text.Json.Nodes;
using FaceLab.Common;
using FaceLab.Faces.Files;
using FaceLab.Tests.Support;
using OpenCvSharp;

namespace FaceLab.Tests.Faces.Files;

/// <summary>Metadata that parses but makes no sense is refused on read, naming the file, before training meets it.</summary>
public sealed class FaceMetadataValueTests
{
    private static string FaceWith(TempFolder temp, string name, Action<JsonNode> edit)
    {
        var json = JsonNode.Parse(FaceMetadataJson.Serialize(FaceImageFileTests.Sample()))!;
        edit(json);
        using var face = new Mat(64, 64, MatType.CV_8UC3, Scalar.Gray);
        Cv2.ImEncode(".png", face, out var png);
        var path = temp.Combine(name);
        File.WriteAllBytes(path, FaceLab.Imaging.PngChunks.WithText(png, FaceImageFile.PngKeyword, json.ToJsonString()));
        return path;
    }

    public static TheoryData<string, string> Nonsense => new()
    {
        { "face_type=banana", "face_type" },
        { "landmark=1e300", "landmarks" },
        { "source_landmark=-1e300", "source_landmarks" },
        { "source_rect=1e300", "source_rect" },
        { "matrix=2x2", "image_to_face_mat" },
        { "matrix=3x3", "image_to_face_mat" },
        { "matrix=1e300", "image_to_face_mat" },
        { "matrix=singular", "image_to_face_mat" },
        { "source_filename=..", "source_filename" },
        { "source_filename=.", "source_filename" },
        { "source_filename=../x.png", "source_filename" },
        { "eyebrows=-1e300", "eyebrows_expand_mod" },
    };

    [Theory]
    [MemberData(nameof(Nonsense))]
    public void NonsenseValuesAreRefusedWithOneLineNamingTheFile(string change, string field)
    {
        using var temp = new TempFolder();
        var path = FaceWith(temp, "face 1.png", json =>
        {
            switch (change)
            {
                case "face_type=banana": json["face_type"] = "banana"; break;
                case "landmark=1e300": json["landmarks"]![3]![0] = 1e300; break;
                case "source_landmark=-1e300": json["source_landmarks"]![0]![1] = -1e300; break;
                case "source_rect=1e300": json["source_rect"]![2] = 1e300; break;
                case "matrix=2x2": json["image_to_face_mat"] = new JsonArray(new JsonArray(1, 0), new JsonArray(0, 1)); break;
                case "matrix=3x3": json["image_to_face_mat"] = new JsonArray(new JsonArray(1, 0, 0), new JsonArray(0, 1, 0), new JsonArray(0, 0, 1)); break;
                case "matrix=1e300": json["image_to_face_mat"]![0]![2] = 1e300; break;
                case "matrix=singular": json["image_to_face_mat"] = new JsonArray(new JsonArray(1, 2, 0), new JsonArray(2, 4, 0)); break;
                case "source_filename=..": json["source_filename"] = ".."; break;
                case "source_filename=.": json["source_filename"] = "."; break;
                case "source_filename=../x.png": json["source_filename"] = "../x.png"; break;
                case "eyebrows=-1e300": json["eyebrows_expand_mod"] = -1e300; break;
            }
        });

        var error = Assert.Throws<FaceLabException>(() => FaceImageFile.ReadMetadata(path));

        Assert.Contains("face 1.png", error.Message);
        Assert.Contains(field, error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void NaNCannotEvenBeWrittenAsJsonAndIsRefusedAsAString()
    {
        using var temp = new TempFolder();
        var path = FaceWith(temp, "nan.png", json => json["landmarks"]![0]![0] = "NaN");

        var error = Assert.Throws<FaceLabException>(() => FaceImageFile.ReadMetadata(path));

        Assert.Contains("nan.png", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void EveryFaceTypeAndUnusualButPlainFrameNamesStillRoundTrip()
    {
        using var temp = new TempFolder();
        foreach (var (type, frame) in new[] { ("head", "-frame 1.png"), ("full_no_align", "Kadr ążę 01.png"), ("whole_face", "a..b.png") })
        {
            var path = FaceWith(temp, "ok.png", json =>
            {
                json["face_type"] = type;
                json["source_filename"] = frame;
            });
            var read = FaceImageFile.ReadMetadata(path);
            Assert.Equal(type, read.FaceType);
            Assert.Equal(frame, read.SourceFilename);
        }
    }
}
