using FaceLab.Common;
using FaceLab.FaceSets.Packing;

namespace FaceLab.FaceSets;

/// <summary>Opens a face set wherever it is stored.</summary>
public static class FaceSet
{
    /// <summary>
    /// A pack file, or a folder: its face files when it has any, else the <c>faceset.pak</c> inside
    /// it (a set packed in place and cleared of its loose files, as DeepFaceLab users do).
    /// </summary>
    public static IFaceSet Open(string path)
    {
        if (File.Exists(path)) return FaceSetPack.Open(path);
        if (!Directory.Exists(path)) throw new FaceLabException($"{path}: no such face folder or pack file");
        var packed = Path.Combine(path, FaceSetPack.DefaultFileName);
        return FaceSetFolder.ListFaces(path).Count == 0 && File.Exists(packed) ? FaceSetPack.Open(packed) : new FolderFaceSet(path);
    }
}
