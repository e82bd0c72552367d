using FaceLab.Common;
using FaceLab.Imaging;
using FaceLab.Provenance;

namespace FaceLab.Media;

/// <summary>Finds FaceLab's synthetic-media mark in a video (container tags) or a PNG frame.</summary>
public static class ProvenanceReader
{
    /// <summary>The mark, or null when the file has none.</summary>
    public static async Task<ProvenanceMark?> ReadAsync(string path, CancellationToken ct = default)
    {
        VideoProbe.RequireFile(path);
        if (LooksLikeStill(path)) return ProvenanceStamp.Read(await File.ReadAllBytesAsync(path, ct), path);
        IReadOnlyDictionary<string, string> tags;
        try
        {
            tags = await VideoProbe.ReadTagsAsync(path, ct);
        }
        catch (FaceLabException e)
        {
            throw new FaceLabException(path, "not a video or PNG image FaceLab can read", "the mark is read from videos and PNG frames", e);
        }
        return ProvenanceMark.VideoTags.Select(t => tags.TryGetValue(t, out var v) ? ProvenanceMark.TryParse(v) : null).FirstOrDefault(m => m is not null);
    }

    private static bool LooksLikeStill(string path)
    {
        Span<byte> head = stackalloc byte[8];
        using var s = File.OpenRead(path);
        var read = s.ReadAtLeast(head, 8, throwOnEndOfStream: false);
        return ProvenanceStamp.IsPng(head[..read]) || ProvenanceStamp.IsJpeg(head[..read]);
    }
}
