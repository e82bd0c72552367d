using System.Text;
using FaceLab.Common;

namespace FaceLab.FaceSets.Features;

/// <summary>
/// The features of a face set by file content (XxHash128 of the file's bytes), in the hidden file
/// <c>.facelab-sort-cache.bin</c> of the folder. Keyed by content, not name, so the renames of a
/// sort, a restore from the trash or copying faces in keep it valid, and a re-extracted face with
/// new pixels is computed again. The cache is disposable: a damaged or older file is ignored.
/// Layout (little endian): "FLSORTC1", int32 layout version, int32 histogram bins, int32 count,
/// then per face: 16-byte hash, 8 float32 features, the source filename (length-prefixed UTF-8),
/// <see cref="FaceHistogram.Length"/> float32.
/// </summary>
internal sealed class FaceFeatureCache
{
    public const string FileName = ".facelab-sort-cache.bin";

    private const int LayoutVersion = 1;
    private const int MaxEntries = 10_000_000;
    private const int MaxNameBytes = 4096;
    private static readonly byte[] Magic = "FLSORTC1"u8.ToArray();

    private readonly Dictionary<UInt128, FaceFeatures> _entries;

    private FaceFeatureCache(Dictionary<UInt128, FaceFeatures> entries) => _entries = entries;

    public int Count => _entries.Count;

    public static string PathIn(string folder) => Path.Combine(folder, FileName);

    public bool TryGet(UInt128 contentHash, out FaceFeatures features) => _entries.TryGetValue(contentHash, out features!);

    /// <summary>The cache of <paramref name="folder"/>, empty when there is none or it cannot be read.</summary>
    public static FaceFeatureCache Load(string folder)
    {
        var path = PathIn(folder);
        var entries = new Dictionary<UInt128, FaceFeatures>();
        if (!File.Exists(path)) return new FaceFeatureCache(entries);
        try
        {
            using var reader = new BinaryReader(File.OpenRead(path), Encoding.UTF8);
            if (!reader.ReadBytes(Magic.Length).AsSpan().SequenceEqual(Magic) || reader.ReadInt32() != LayoutVersion
                || reader.ReadInt32() != FaceHistogram.Bins)
                return new FaceFeatureCache(entries);
            var count = reader.ReadInt32();
            if (count is < 0 or > MaxEntries) return new FaceFeatureCache([]);
            for (var i = 0; i < count; i++)
            {
                var hash = new UInt128(reader.ReadUInt64(), reader.ReadUInt64());
                entries[hash] = ReadFeatures(reader);
            }
            return new FaceFeatureCache(entries);
        }
        catch (Exception e) when (e is IOException or EndOfStreamException or InvalidDataException or UnauthorizedAccessException or DecoderFallbackException)
        {
            return new FaceFeatureCache([]);
        }
    }

    /// <summary>
    /// Keeps <paramref name="current"/> and as many older entries again (faces now in the trash come
    /// back cheaply), so repeated re-extractions do not grow the file without bound.
    /// </summary>
    public void Save(string folder, IReadOnlyDictionary<UInt128, FaceFeatures> current)
    {
        var merged = new Dictionary<UInt128, FaceFeatures>(current);
        var cap = Math.Min(MaxEntries, 2 * current.Count + 1000);
        foreach (var (hash, features) in _entries)
        {
            if (merged.Count >= cap) break;
            merged.TryAdd(hash, features);
        }
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Magic);
            writer.Write(LayoutVersion);
            writer.Write(FaceHistogram.Bins);
            writer.Write(merged.Count);
            foreach (var (hash, f) in merged)
            {
                writer.Write((ulong)(hash >> 64));
                writer.Write((ulong)hash);
                WriteFeatures(writer, f);
            }
        }
        try
        {
            AtomicOutput.WriteAllBytes(PathIn(folder), buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
        }
        catch (FaceLabException)
        {
            // A read-only folder still sorts (renames fail later with a clear error); the cache is only a speed-up.
        }
        _entries.Clear();
        foreach (var (k, v) in merged) _entries[k] = v;
    }

    private static void WriteFeatures(BinaryWriter writer, FaceFeatures f)
    {
        writer.Write(f.Sharpness);
        writer.Write(f.LaplacianVariance);
        writer.Write(f.YawDegrees);
        writer.Write(f.PitchDegrees);
        writer.Write(f.SourceRectSize);
        writer.Write(f.Brightness);
        writer.Write(f.Hue);
        writer.Write(f.BlackShare);
        writer.Write(f.SourceFilename);
        foreach (var v in f.Histogram) writer.Write(v);
    }

    private static FaceFeatures ReadFeatures(BinaryReader reader)
    {
        var sharpness = reader.ReadSingle();
        var laplacian = reader.ReadSingle();
        var yaw = reader.ReadSingle();
        var pitch = reader.ReadSingle();
        var rect = reader.ReadSingle();
        var brightness = reader.ReadSingle();
        var hue = reader.ReadSingle();
        var black = reader.ReadSingle();
        var name = reader.ReadString();
        if (Encoding.UTF8.GetByteCount(name) > MaxNameBytes) throw new InvalidDataException("source filename too long");
        var histogram = new float[FaceHistogram.Length];
        for (var i = 0; i < histogram.Length; i++) histogram[i] = reader.ReadSingle();
        return new FaceFeatures
        {
            Sharpness = sharpness,
            LaplacianVariance = laplacian,
            YawDegrees = yaw,
            PitchDegrees = pitch,
            SourceRectSize = rect,
            Brightness = brightness,
            Hue = hue,
            BlackShare = black,
            SourceFilename = name,
            Histogram = histogram,
        };
    }
}
