using FaceLab.Common;
using FaceLab.Faces.Alignment;

namespace FaceLab.Faces.Extraction;

/// <summary>How faces are extracted from frames (DeepFaceLab's steps 4 and 5). Defaults in brackets.</summary>
public sealed record FaceExtractionOptions
{
    /// <summary>Crop type of the aligned faces [full].</summary>
    public FaceType FaceType { get; init; } = FaceType.Full;

    /// <summary>Side of the aligned face images in pixels [256: right for 128-px models; use 512 for larger].</summary>
    public int Size { get; init; } = 256;

    /// <summary>Image format of the face files [jpg].</summary>
    public Files.FaceImageFormat Format { get; init; } = Files.FaceImageFormat.Jpg;

    /// <summary>JPEG quality of face files [95].</summary>
    public int JpegQuality { get; init; } = Files.FaceImageFile.DefaultJpegQuality;

    /// <summary>At most this many faces per frame, largest first; 0 = all [0].</summary>
    public int MaxFaces { get; init; }

    /// <summary>Write <c>aligned_debug/</c> frames with box, landmarks and crop outline [off].</summary>
    public bool Debug { get; init; }

    /// <summary>Second pass: re-detect on the aligned crop and average jittered landmark runs [off].</summary>
    public bool Accurate { get; init; }

    /// <summary>Frames smaller than this on their short side are skipped [128].</summary>
    public int MinFrameSize { get; init; } = 128;

    /// <summary>Faces whose detector box is smaller than this on its short side are dropped [40].</summary>
    public int MinFaceSize { get; init; } = 40;

    /// <summary>Worker threads, each with its own detector and landmarker [all cores].</summary>
    public int Workers { get; init; } = Environment.ProcessorCount;

    /// <summary>
    /// The part of the frames this run extracts when several processes share the output folder (a
    /// job array) [null: all]. A shard keeps its own lock and journal there, so shards run at once,
    /// and leaves other writers' temporary files alone (they may belong to other machines).
    /// </summary>
    public FrameShard? Shard { get; init; }

    /// <summary>These options, or a <see cref="FaceLabException"/> naming the first value out of range.</summary>
    public FaceExtractionOptions Validate()
    {
        Require("face size", Size, 32, 2048);
        Require("JPEG quality", JpegQuality, 1, 100);
        Require("faces per frame", MaxFaces, 0, 1000);
        Require("workers", Workers, 1, 256);
        return this;
    }

    private static void Require(string name, int value, int min, int max)
    {
        if (value < min || value > max) throw new FaceLabException($"{name} {value}", $"must be between {min} and {max}", $"give a value from {min} to {max}");
    }

    /// <summary>
    /// The options a resumed or --fix run must share with the earlier one: they make a face set
    /// consistent. Detector, landmarker and the accurate pass may change (e.g. to fix missed frames).
    /// </summary>
    internal string Signature => $"face-type={FaceType};size={Size};format={Format.ToString().ToLowerInvariant()}";

    /// <summary>
    /// These options with face type, size and format taken from <paramref name="signature"/> (an
    /// earlier run's <see cref="Signature"/>), so faces added later match the set; unchanged when
    /// there is none or it cannot be read.
    /// </summary>
    internal FaceExtractionOptions WithSignature(string? signature)
    {
        if (signature is null) return this;
        var parts = signature.Split(';').Select(p => p.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
        return parts.TryGetValue("face-type", out var type) && FaceType.TryParse(type, out var faceType)
            && parts.TryGetValue("size", out var sizeText) && int.TryParse(sizeText, System.Globalization.CultureInfo.InvariantCulture, out var size)
            && parts.TryGetValue("format", out var formatText) && Enum.TryParse<Files.FaceImageFormat>(formatText, ignoreCase: true, out var format)
            ? this with { FaceType = faceType, Size = size, Format = format }
            : this;
    }
}
