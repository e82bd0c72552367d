using System.IO.Hashing;
using System.Text.Json;
using FaceLab.Common;
using FaceLab.Faces.Files;
using Microsoft.Win32.SafeHandles;
using OpenCvSharp;

namespace FaceLab.FaceSets.Packing;

/// <summary>
/// Reads a packed face set (<see cref="FaceSetPackFormat"/>) by index without unpacking it: the
/// index is read and checked once at <see cref="Open"/>, then each face's bytes are one
/// positioned read (thread-safe, no shared file position). The file is untrusted input: sizes,
/// offsets and names are checked before use.
/// </summary>
public sealed class FaceSetPack : IFaceSet
{
    /// <summary>The pack's name when none is given: inside the set's folder, as DeepFaceLab's <c>faceset.pak</c>.</summary>
    public const string DefaultFileName = "faceset.pak";

    private readonly SafeFileHandle _file;

    private FaceSetPack(string path, SafeFileHandle file, IReadOnlyList<FaceSetPackEntry> entries)
    {
        Location = path;
        _file = file;
        Entries = entries;
    }

    public string Location { get; }

    public IReadOnlyList<FaceSetPackEntry> Entries { get; }

    public int Count => Entries.Count;

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
            throw new FaceLabException($"{path}: cannot open the face pack ({e.Message})", e);
        }
        try
        {
            return new FaceSetPack(path, file, ReadIndex(path, file));
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    public string NameAt(int index) => Entries[index].Name;

    public byte[] ReadBytes(int index)
    {
        var entry = Entries[index];
        var bytes = new byte[entry.Length];
        var read = 0;
        while (read < bytes.Length)
        {
            var n = RandomAccess.Read(_file, bytes.AsSpan(read), entry.Offset + read);
            if (n == 0) throw new FaceLabException($"{Location}: face pack ends inside {entry.Name} (truncated)");
            read += n;
        }
        return bytes;
    }

    /// <summary>The bytes of face <paramref name="index"/> after checking their XxHash64 against the index.</summary>
    public byte[] ReadVerifiedBytes(int index)
    {
        var bytes = ReadBytes(index);
        if (XxHash64.HashToUInt64(bytes) != Entries[index].Xxh64)
            throw new FaceLabException($"{Location}: {Entries[index].Name} is damaged in the face pack (checksum mismatch)");
        return bytes;
    }

    public FaceMetadata ReadMetadata(int index) => FaceBytes.ReadMetadata(ReadBytes(index), $"{Location}:{NameAt(index)}");

    public Mat ReadImage(int index) => FaceBytes.DecodeImage(ReadBytes(index), $"{Location}:{NameAt(index)}");

    public void Dispose() => _file.Dispose();

    private static List<FaceSetPackEntry> ReadIndex(string path, SafeFileHandle file)
    {
        var length = RandomAccess.GetLength(file);
        Span<byte> headerBytes = stackalloc byte[FaceSetPackFormat.HeaderLength];
        if (length < FaceSetPackFormat.HeaderLength || RandomAccess.Read(file, headerBytes, 0) < FaceSetPackFormat.HeaderLength
            || FaceSetPackFormat.ReadHeader(headerBytes) is not { } header)
            throw new FaceLabException($"{path}: not a FaceLab face pack");
        if (header.Major != FaceSetPackFormat.MajorVersion)
            throw new FaceLabException($"{path}: face pack version {header.Major}.{header.Minor}; this FaceLab reads version {FaceSetPackFormat.MajorVersion}.x");
        if (header.IndexOffset < FaceSetPackFormat.HeaderLength || header.IndexLength is <= 0 or > FaceSetPackFormat.MaxIndexBytes
            || header.IndexOffset + header.IndexLength != length || header.Count > FaceSetPackFormat.MaxFaces)
            throw new FaceLabException($"{path}: damaged face pack (bad header; truncated or incomplete?)");

        var indexBytes = new byte[header.IndexLength];
        if (RandomAccess.Read(file, indexBytes, header.IndexOffset) != indexBytes.Length)
            throw new FaceLabException($"{path}: damaged face pack (index cut short)");
        FaceSetPackFormat.Index? index;
        try
        {
            index = JsonSerializer.Deserialize<FaceSetPackFormat.Index>(indexBytes, FaceSetPackFormat.Json);
        }
        catch (JsonException e)
        {
            throw new FaceLabException($"{path}: damaged face pack index ({e.Message.Split('.')[0]})", e);
        }
        var entries = index?.Faces ?? throw new FaceLabException($"{path}: damaged face pack index (no faces list)");
        if (entries.Count != header.Count) throw new FaceLabException($"{path}: damaged face pack (index lists {entries.Count} faces, header {header.Count})");
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var e in entries)
        {
            if (e is null || !FaceSetPackFormat.IsSafeName(e.Name) || !names.Add(e.Name))
                throw new FaceLabException($"{path}: damaged face pack index (bad or repeated name {e?.Name})");
            if (e.Offset < FaceSetPackFormat.HeaderLength || e.Length is < 0 or > int.MaxValue || e.Offset + e.Length > header.IndexOffset)
                throw new FaceLabException($"{path}: damaged face pack index ({e.Name} lies outside the data)");
        }
        return entries;
    }
}
