using FaceLab.Common;

namespace FaceLab.FaceSets.Packing;

/// <summary>
/// Opens a face set from a folder of face images or a packed file, whichever the path is. It
/// lives beside the pack, not in <c>FaceSets</c>, because it knows both forms: the folder form
/// never depends on the packed one.
/// </summary>
public static class FaceSet
{
    /// <summary>A face folder or a pack file, whichever <paramref name="path"/> is.</summary>
    public static IFaceSet Open(string path)
    {
        if (Directory.Exists(path)) return FolderFaceSet.Open(path);
        if (File.Exists(path)) return FaceSetPack.Open(path);
        throw new FaceLabException(path, "folder not found", "extract faces first with facelab faces extract");
    }
}
