using FaceLab.FaceSets.Packing;
using FaceLab.FaceSets.Renaming;
using FaceLab.Faces.Extraction;
using FaceLab.Faces.Files;
using FaceLab.Faces.Landmarks;
using FaceLab.Faces.Networks;
using FaceLab.Imaging;
using FaceLab.Merging;
using FaceLab.Training.Models;
using FaceLab.Training.Sessions;

namespace FaceLab.Fuzz;

/// <summary>Every parser of untrusted files, each through the entry point the tools call.</summary>
public static class FuzzTargets
{
    /// <summary>The TF.js input is the manifest, a zero byte, then the one shard it may name.</summary>
    public const string TfjsShardName = "shard.bin";

    /// <summary>The options signature and identity the journal targets resume with (seeds carry them).</summary>
    public const string JournalSignature = "fuzz";

    public static IReadOnlyList<FuzzTarget> All { get; } =
    [
        new("face-png", "FaceImageFile.TryReadMetadata (PNG)", b => FaceImageFile.TryReadMetadata(b, "fuzz.png")),
        new("face-jpeg", "FaceImageFile.TryReadMetadata (JPEG)", b => FaceImageFile.TryReadMetadata(b, "fuzz.jpg")),
        new("face-json", "FaceMetadataJson.Deserialize", b => FaceMetadataJson.Deserialize(b, "fuzz.json")),
        new("png-chunks", "PngChunks.ReadText", b => PngChunks.ReadText(b, FaceImageFile.PngKeyword, "fuzz.png")),
        new("image", "ImageDecoding.Decode", b => ImageDecoding.Decode(b, "fuzz.img").Dispose()),
        new("pack", "FaceSetPack.Open + ReadVerified", Pack),
        new("sort-journal", "FaceSetRenamer.RollForward", b => FaceSetRenamer.RollForward(Path.GetDirectoryName(Scratch.File("set", FaceSetRenamer.JournalFileName, b))!)),
        new("extraction-journal", "ExtractionJournal.Open", ExtractionJournalOpen),
        new("merge-journal", "MergeJournal.Open", b => MergeJournal.Open(Path.GetDirectoryName(Scratch.File("merged", MergeJournal.FileName, b))!, JournalSignature).IsDone("00001.png")),
        new("model-json", "ModelSpec.Load + OptionsFor", ModelJson),
        new("merge-json", "MergeSession.Load", b => MergeSession.Load(Path.GetDirectoryName(Scratch.File("model", MergeSession.FileName, b))!)),
        new("checkpoint-state", "CheckpointFiles.ReadState", b => CheckpointFiles.ReadState(Path.GetDirectoryName(Scratch.File("checkpoint", "state.json", b))!)),
        new("loss-history", "LossHistory.Load", b => LossHistory.Load(new MemoryStream(b, writable: false), "losses.bin")),
        new("manual-boxes", "ManualFaceBoxes.Load", b => ManualFaceBoxes.Load(Scratch.File("boxes", "boxes.json", b))),
        new("dlib", "DlibShapeModelReader.Read", b => DlibShapeModelReader.Read(Scratch.File("dlib", "shape_predictor.dat", b))),
        new("tfjs", "TfjsWeights.Load", Tfjs),
    ];

    public static FuzzTarget Get(string name) =>
        All.FirstOrDefault(t => t.Name == name)
        ?? throw new ArgumentException($"unknown target '{name}'; targets: {string.Join(", ", All.Select(t => t.Name))}", nameof(name));

    private static void Pack(byte[] bytes)
    {
        using var pack = FaceSetPack.Open(Scratch.File("pack", "faces.fpk", bytes));
        for (var i = 0; i < pack.Count; i++) pack.ReadVerified(i);
    }

    private static void ExtractionJournalOpen(byte[] bytes)
    {
        var aligned = Path.GetDirectoryName(Scratch.File("aligned", ExtractionJournal.FileName, bytes))!;
        using var journal = ExtractionJournal.Open(aligned, Scratch.Folder("frames"), JournalSignature);
    }

    private static void ModelJson(byte[] bytes)
    {
        var folder = Path.GetDirectoryName(Scratch.File("model", ModelSpec.FileName, bytes))!;
        var spec = ModelSpec.Load(folder);
        spec.OptionsFor(ModelRegistry.Get(spec.ModelType), ModelSpec.FileName);
    }

    private static void Tfjs(byte[] bytes)
    {
        var split = Array.IndexOf(bytes, (byte)0);
        var manifest = split < 0 ? bytes : bytes[..split];
        var manifestPath = Scratch.File("tfjs", "weights_manifest.json", manifest);
        File.WriteAllBytes(Path.Combine(Path.GetDirectoryName(manifestPath)!, TfjsShardName), split < 0 ? [] : bytes[(split + 1)..]);
        TfjsWeights.Load(manifestPath);
    }
}
