using System.IO.Hashing;
using FaceLab.Common;
using FaceLab.FaceSets.Features;
using Microsoft.Win32.SafeHandles;
using OpenCvSharp;
using FaceLab.FaceSets;

namespace FaceLab.FaceSets.Packing;

/// <summary>
/// Reads a packed face set (<see cref="FaceSetPackFormat"/>) by index without unpacking it: the
/// index (names, sizes, metadata) is read and checked once at <see cref="Open"/>, then each face's
/// bytes are one positioned read, safe from several threads (no shared file position). The file
/// is untrusted input: sizes, offsets, names and metadata are checked before use.
/// </summary>
public sealed class FaceSetPack : IFaceSet
{
    /// <summary>The pack's name when none is given: inside the set's folder, as DeepFaceLab's <c>faceset.pak</c>.</summary>
    public const string DefaultFileName = "faceset.pak";

    private readonly SafeFileHandle _file;

    private FaceSetPack(string path, SafeFileHandle file, List<FaceSetPackEntry> entries, List<SkippedFace> skipped)
    {
        Location = path;
        _file = file;
        Entries = entries;
        Skipped = skipped;
    }

    /// <summary>The pack file's full path.</summary>
    public string Location { get; }

    /// <summary>The faces in packing order (their folder's name order): name, size, metadata.</summary>
    public IReadOnlyList<FaceSetPackEntry> Entries { get; }

    /// <summary>Files of the folder that were left out when packing (no or damaged metadata).</summary>
    public IReadOnlyList<SkippedFace> Skipped { get; }

    /// <inheritdoc/>
    public int Count => Entries.Count;

    /// <inheritdoc/>
    public FaceSetEntry this[int index] => new(Entries[index].Name, Entries[index].Metadata, new Size(Entries[index].Width, Entries[index].Height));

    /// <summary>Opens a pack file, checking its header and index; the file stays open until disposed.</summary>
    public static FaceSetPack Open(string path)
    {
        path = Path.GetFullPath(path);
        SafeFileHandle file;
        try
        {
            file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new FaceLabException(path, $"cannot open the face pack: {e.Message}", "check that the file exists and can be read", e);
        }
        try
        {
            var (entries, skipped) = ReadIndex(path, file);
            return new FaceSetPack(path, file, entries, skipped);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>The face file's bytes (JPEG or PNG, metadata embedded) exactly as packed.</summary>
    public byte[] ReadEncoded(int index)
    {
        var entry = Entries[index];
        var bytes = new byte[entry.Length];
        var read = 0;
        while (read < bytes.Length)
        {
            var n = RandomAccess.Read(_file, bytes.AsSpan(read), entry.Offset + read);
            if (n == 0) throw new FaceLabException(Location, $"face pack ends inside {entry.Name}: truncated", "copy the pack again, or pack the faces again");
            read += n;
        }
        return bytes;
    }

    /// <summary><see cref="ReadEncoded"/> after checking the bytes' XxHash64 against the index.</summary>
    public byte[] ReadVerified(int index)
    {
        var bytes = ReadEncoded(index);
        if (XxHash64.HashToUInt64(bytes) != Entries[index].Xxh64)
            throw new FaceLabException(Location, $"{Entries[index].Name} is damaged in the face pack: checksum mismatch", "copy the pack again, or pack the faces again");
        return bytes;
    }

    /// <summary>The face image, BGR 8-bit; the caller disposes it.</summary>
    public Mat ReadImage(int index) => Imaging.ImageDecoding.Decode(ReadEncoded(index), $"{Location}:{Entries[index].Name}");

    /// <summary>Closes the pack file.</summary>
    public void Dispose() => _file.Dispose();

    private static (List<FaceSetPackEntry>, List<SkippedFace>) ReadIndex(string path, SafeFileHandle file)
    {
        var length = RandomAccess.GetLength(file);
        Span<byte> headerBytes = stackalloc byte[FaceSetPackFormat.HeaderLength];
        if (length < FaceSetPackFormat.HeaderLength || RandomAccess.Read(file, headerBytes, 0) < FaceSetPackFormat.HeaderLength
            || FaceSetPackFormat.ReadHeader(headerBytes) is not { } header)
            throw new FaceLabException(path, "not a FaceLab face pack", "give a file made by packing a face set");
        if (header.Major != FaceSetPackFormat.MajorVersion)
            throw new FaceLabException(path, $"face pack version {header.Major}.{header.Minor}; this FaceLab reads version {FaceSetPackFormat.MajorVersion}.x", "unpack it with a FaceLab that reads its version");
        if (header.IndexOffset < FaceSetPackFormat.HeaderLength || header.IndexLength is <= 0 or > FaceSetPackFormat.MaxIndexBytes
            || header.IndexOffset + header.IndexLength != length || header.Count > FaceSetPackFormat.MaxFaces)
            throw new FaceLabException(path, "damaged face pack: bad header, perhaps truncated or incomplete", "copy the pack again, or pack the faces again");

        var index = new byte[header.IndexLength];
        if (RandomAccess.Read(file, index, header.IndexOffset) != index.Length)
            throw new FaceLabException(path, "damaged face pack: index cut short", "copy the pack again, or pack the faces again");
        return FaceSetPackFormat.ReadIndex(index, header, path);
    }
}
