using System.IO.Hashing;
using FaceLab.Common;
using FaceLab.Faces.Files;
using FaceLab.Imaging;

namespace FaceLab.FaceSets.Packing;

/// <summary>What a pack or unpack did.</summary>
/// <param name="Faces">Faces packed, or written by unpack.</param>
/// <param name="AlreadyPresent">Unpack: faces already in the folder with identical bytes (an earlier, interrupted unpack).</param>
/// <param name="Skipped">Pack: files left out (no or damaged metadata), by name.</param>
public sealed record FacePackReport(string Path, int Faces, long Bytes, int AlreadyPresent, IReadOnlyList<SkippedFace> Skipped);

/// <summary>
/// <c>facelab faces pack</c> / <c>unpack</c>: a whole face set as one file (DeepFaceLab's
/// <c>faceset.pak</c> idea) that copies and opens fast, and back to files byte for byte.
/// </summary>
public static class FaceSetPacker
{
    /// <summary>
    /// Packs the faces of <paramref name="folder"/> (name order) into <paramref name="packPath"/>
    /// [default <c>folder/faceset.pak</c>], written under a temporary name and renamed when complete.
    /// Faces without readable metadata are left out and reported.
    /// </summary>
    public static FacePackReport Pack(string folder, string? packPath = null, bool overwrite = false,
        IProgress<OperationProgress>? progress = null, CancellationToken ct = default)
    {
        var files = FaceSetFolder.ListFaces(folder);
        packPath ??= Path.Combine(folder, FaceSetPack.DefaultFileName);
        using var output = AtomicOutput.Begin(packPath, overwrite);
        var entries = new List<FaceSetPackEntry>(files.Count);
        var skipped = new List<SkippedFace>();
        long position;
        using (var stream = new FileStream(output.TemporaryPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20))
        {
            Span<byte> header = stackalloc byte[FaceSetPackFormat.HeaderLength];
            stream.Write(header); // placeholder until the index position is known
            position = FaceSetPackFormat.HeaderLength;
            for (var i = 0; i < files.Count; i++)
            {
                ct.ThrowIfCancellationRequested();
                var name = Path.GetFileName(files[i]);
                var bytes = File.ReadAllBytes(files[i]);
                if (Readable(bytes, files[i], name, skipped) is not { } face) continue;
                stream.Write(bytes);
                entries.Add(new FaceSetPackEntry(name, position, bytes.Length, XxHash64.HashToUInt64(bytes), face.Width, face.Height, face.Metadata));
                position += bytes.Length;
                progress?.Report(new OperationProgress("pack", i + 1, files.Count, "faces"));
            }
            var index = FaceSetPackFormat.WriteIndex(entries, skipped);
            stream.Write(index);
            FaceSetPackFormat.WriteHeader(header, new FaceSetPackFormat.Header(
                FaceSetPackFormat.MajorVersion, FaceSetPackFormat.MinorVersion, (uint)entries.Count, position, index.Length));
            stream.Position = 0;
            stream.Write(header);
            stream.Flush(flushToDisk: true);
            position += index.Length;
        }
        output.Commit();
        return new FacePackReport(output.FinalPath, entries.Count, position, 0, skipped);
    }

    /// <summary>
    /// Writes every face of the pack into <paramref name="folder"/> [default: the pack's folder]
    /// byte-identical, each checked against its checksum and written atomically. A face already
    /// there with the same bytes is kept (so an interrupted unpack can be re-run); a different
    /// file under a face's name is an error, never overwritten.
    /// </summary>
    public static FacePackReport Unpack(string packPath, string? folder = null,
        IProgress<OperationProgress>? progress = null, CancellationToken ct = default)
    {
        using var pack = FaceSetPack.Open(packPath);
        folder ??= Path.GetDirectoryName(pack.Location)!;
        AtomicOutput.EnsureWritableFolder(folder, folder);
        var written = 0;
        var present = 0;
        long bytesWritten = 0;
        for (var i = 0; i < pack.Count; i++)
        {
            ct.ThrowIfCancellationRequested();
            var bytes = pack.ReadVerified(i);
            var target = Path.Combine(folder, pack.Entries[i].Name);
            if (File.Exists(target))
            {
                if (!File.ReadAllBytes(target).AsSpan().SequenceEqual(bytes))
                    throw new FaceLabException(target, "exists with other content", "unpack into an empty folder") { Remedy = Remedy.OtherOutput };
                present++;
            }
            else
            {
                AtomicOutput.WriteAllBytes(target, bytes);
                written++;
                bytesWritten += bytes.Length;
            }
            progress?.Report(new OperationProgress("unpack", i + 1, pack.Count, "faces"));
        }
        return new FacePackReport(Path.GetFullPath(folder), written, bytesWritten, present, []);
    }

    /// <summary>The face's metadata and size, or null (recorded in <paramref name="skipped"/>) when it has no usable metadata.</summary>
    private static (FaceMetadata Metadata, int Width, int Height)? Readable(byte[] bytes, string path, string name, List<SkippedFace> skipped)
    {
        try
        {
            var metadata = FaceImageFile.TryReadMetadata(bytes, name);
            if (metadata is not null)
            {
                var (width, height) = ImageHeader.ReadSize(path);
                return (metadata, width, height);
            }
            skipped.Add(new SkippedFace(name, "no FaceLab face metadata"));
        }
        catch (FaceLabException e)
        {
            skipped.Add(new SkippedFace(name, e.Problem));
        }
        return null;
    }
}
