using FaceLab.Common;
using FaceLab.Faces.Files;
using FaceLab.Imaging;
using OpenCvSharp;

namespace FaceLab.FaceSets;

/// <summary>
/// The aligned faces in a folder (e.g. <c>data_src/aligned</c>), listed by <see cref="FaceSetFolder.ListFaces"/>.
/// Metadata and sizes are read once when opened; images are read on demand. Images without
/// FaceLab metadata, or with damaged metadata, are listed in <see cref="Skipped"/> and not used.
/// </summary>
public sealed class FolderFaceSet : IFaceSet
{
    private readonly FaceSetEntry[] _entries;
    private readonly string[] _paths;

    private FolderFaceSet(string location, FaceSetEntry[] entries, string[] paths, SkippedFace[] skipped)
    {
        Location = location;
        _entries = entries;
        _paths = paths;
        Skipped = skipped;
    }

    /// <summary>The folder (full path).</summary>
    public string Location { get; }

    /// <inheritdoc/>
    public int Count => _entries.Length;

    /// <inheritdoc/>
    public FaceSetEntry this[int index] => _entries[index];

    /// <inheritdoc/>
    public IReadOnlyList<SkippedFace> Skipped { get; }

    /// <summary>Opens <paramref name="folder"/> (not recursive); throws when it is missing or holds no usable face.</summary>
    public static FolderFaceSet Open(string folder)
    {
        var entries = new List<FaceSetEntry>();
        var paths = new List<string>();
        var skipped = new List<SkippedFace>();
        foreach (var path in FaceSetFolder.ListFaces(folder))
        {
            var name = Path.GetFileName(path);
            try
            {
                var metadata = FaceImageFile.TryReadMetadata(path);
                if (metadata is null)
                {
                    skipped.Add(new SkippedFace(name, "no face metadata"));
                    continue;
                }
                if (metadata.Landmarks.Length != 68)
                {
                    skipped.Add(new SkippedFace(name, $"{metadata.Landmarks.Length} landmarks, expected 68"));
                    continue;
                }
                var (width, height) = ImageHeader.ReadSize(path);
                entries.Add(new FaceSetEntry(name, metadata, new Size(width, height)));
                paths.Add(path);
            }
            catch (Exception e) when (e is FaceLabException or InvalidDataException or FormatException)
            {
                skipped.Add(new SkippedFace(name, e.Message));
            }
        }
        if (entries.Count == 0)
            throw new FaceLabException(folder, $"no aligned faces with FaceLab metadata; {skipped.Count} images skipped", "extract faces into it first");
        return new FolderFaceSet(folder, [.. entries], [.. paths], [.. skipped]);
    }

    /// <inheritdoc/>
    public byte[] ReadEncoded(int index)
    {
        try
        {
            return File.ReadAllBytes(_paths[index]);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new FaceLabException(_paths[index], $"cannot read: {e.Message}", "check that the face still exists and can be read", e);
        }
    }

    /// <summary>A folder set holds no file open.</summary>
    public void Dispose() { }
}
