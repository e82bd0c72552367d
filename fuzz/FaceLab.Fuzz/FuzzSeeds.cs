using System.Text;
using System.Text.Json;
using FaceLab.FaceSets.Packing;
using FaceLab.Faces.Files;
using FaceLab.Merging;
using FaceLab.Training.Models;
using FaceLab.Training.Sessions;
using OpenCvSharp;

namespace FaceLab.Fuzz;

/// <summary>
/// Small valid inputs per target, made with the library's own writers where it has one, so the
/// fuzzer and the seeded mutation tests start from files the tools really write.
/// </summary>
public static class FuzzSeeds
{
    private static readonly DateTimeOffset FixedTime = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

    /// <summary>The seeds of <paramref name="target"/> as (file name, bytes).</summary>
    public static IReadOnlyList<(string Name, byte[] Bytes)> For(string target) => target switch
    {
        "face-png" or "png-chunks" => [("face.png", FaceFile(".png"))],
        "face-jpeg" => [("face.jpg", FaceFile(".jpg"))],
        "face-json" => [("metadata.json", FaceMetadataJson.Serialize(Metadata()))],
        "image" => [("tiny.png", Encode(".png")), ("tiny.jpg", Encode(".jpg"))],
        "pack" => [("faces.fpk", PackBytes())],
        "sort-journal" => [("journal.json", Utf8("""{"version":1,"phase":1,"trash_folder":"/x/set_trash","entries":[{"from":"a.png","temp":"sorting-1.png","to":"00001.png","to_trash":false},{"from":"b.png","temp":"sorting-2.png","to":"b.png","to_trash":true}]}"""))],
        "extraction-journal" => [("journal.jsonl", Utf8($$"""
            {"options":"{{FuzzTargets.JournalSignature}}"}
            {"frame":"00001.png","faces":1,"size":10,"mtime":5,"xxh3":"0123abcd"}
            {"frame":"00002.png","faces":0}

            """))],
        "merge-journal" => [("journal.txt", Utf8($"{FuzzTargets.JournalSignature}\n00001.png\n00002.png\n"))],
        "model-json" => [("model.json", ModelJson()), ("model-format1.json", Utf8("""{"model_type":"DF","name":"old","seed":1,"batch_size":4,"preview_source":["a.png"],"preview_destination":["b.png"],"resolution":64,"face_type":"full","encoder_dims":8,"ae_dims":32,"inter_dims":32,"inter_upscale_dims":32,"decoder_dims":8}"""))],
        "merge-json" => [("merge.json", MergeJson())],
        "checkpoint-state" => [("state.json", JsonSerializer.SerializeToUtf8Bytes(new CheckpointState(120, 7, FixedTime)))],
        "loss-history" => [("losses.bin", Losses())],
        "manual-boxes" => [("boxes.json", Utf8("""{"00001.png":[[10,20,110,140]],"00002.png":[[0.5,1.5,30,40],[50,50,90,99]]}"""))],
        "dlib" => [("shape_predictor.dat", DlibSeed.Bytes())],
        "tfjs" => [("manifest-and-shard.bin", TfjsSeed())],
        _ => throw new ArgumentException($"no seeds for '{target}'", nameof(target)),
    };

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static FaceMetadata Metadata()
    {
        // Round coordinates keep the seed small; the values only need to be valid.
        static Point2d[] Points(int scale) => [.. Enumerable.Range(0, 68).Select(i => new Point2d(i % 17 * scale, i / 17 * scale))];
        return new FaceMetadata
        {
            FaceType = "whole_face",
            Landmarks = Points(8),
            SourceFilename = "00042.png",
            SourceRect = [101.5, 40.25, 230.75, 190.0],
            SourceLandmarks = Points(12),
            ImageToFaceMat = [[1.25, -0.1, -80.5], [0.1, 1.25, -30.125]],
            Detector = "ultraface",
            Landmarker = "dlib",
            ToolVersion = "fuzz",
        };
    }

    private static Mat Image()
    {
        var image = new Mat(8, 8, MatType.CV_8UC3, new Scalar(40, 120, 200));
        Cv2.Circle(image, new Point(4, 4), 2, new Scalar(250, 250, 250), -1);
        return image;
    }

    private static byte[] Encode(string extension)
    {
        using var image = Image();
        return image.ImEncode(extension);
    }

    private static byte[] FaceFile(string extension)
    {
        var path = Path.Combine(Scratch.Folder("seed-face"), "face" + extension);
        using var image = Image();
        FaceImageFile.Write(path, image, Metadata());
        return File.ReadAllBytes(path);
    }

    private static byte[] PackBytes()
    {
        var folder = Scratch.Folder("seed-pack");
        using (var image = Image()) FaceImageFile.Write(Path.Combine(folder, "00001_0.jpg"), image, Metadata());
        FaceSetPacker.Pack(folder);
        return File.ReadAllBytes(Path.Combine(folder, FaceSetPack.DefaultFileName));
    }

    private static byte[] ModelJson()
    {
        var folder = Scratch.Folder("seed-model");
        var definition = ModelRegistry.Get("DF");
        ModelSpec.Create(definition, "fuzz", definition.Defaults, 1, 4, ["a.png"], ["b.png"]).Save(folder);
        return File.ReadAllBytes(Path.Combine(folder, ModelSpec.FileName));
    }

    private static byte[] MergeJson()
    {
        var folder = Scratch.Folder("seed-merge");
        var session = MergeSession.New(MergeOptions.Default) with { Created = FixedTime };
        session.Overrides["00001.png"] = MergeOptions.Default with { Erode = 20, ColorTransfer = "rct" };
        session.Save(folder);
        return File.ReadAllBytes(Path.Combine(folder, MergeSession.FileName));
    }

    private static byte[] Losses()
    {
        var history = new LossHistory();
        for (var i = 1; i <= 3; i++) history.Add(new LossPoint(i * 10, 1f / i, 2f / i));
        using var stream = new MemoryStream();
        history.Save(stream);
        return stream.ToArray();
    }

    private static byte[] TfjsSeed()
    {
        var manifest = Utf8($$$"""[{"paths":["{{{FuzzTargets.TfjsShardName}}}"],"weights":[{"name":"w","shape":[2,2],"dtype":"float32"},{"name":"q","shape":[3],"dtype":"float32","quantization":{"dtype":"uint8","scale":0.5,"min":-1}}]}]""");
        var shard = new byte[19];
        Buffer.BlockCopy(new[] { 1f, -2f, 0.5f, 3f }, 0, shard, 0, 16);
        shard[16] = 1;
        shard[17] = 2;
        shard[18] = 255;
        return [.. manifest, 0, .. shard];
    }
}
