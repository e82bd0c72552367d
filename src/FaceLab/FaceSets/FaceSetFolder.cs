using FaceLab.Common;
using FaceLab.Faces.Files;

namespace FaceLab.FaceSets;

/// <summary>
/// A folder of aligned face files as the face-set tools see it: every visible jpg/png file, in
/// natural name order (<see cref="ImageFiles"/>). Hidden files (the sort cache, the rename
/// journal, temporary writes, macOS <c>._*</c> copies) are not faces.
/// </summary>
public static class FaceSetFolder
{
    /// <summary>Suffix of the folder that receives rejected faces, beside the set: <c>aligned</c> → <c>aligned_trash</c>.</summary>
    public const string TrashSuffix = "_trash";

    /// <summary>The face files of <paramref name="folder"/> in natural name order; a one-line error when the folder is missing.</summary>
    public static List<string> ListFaces(string folder)
    {
        if (!Directory.Exists(folder)) throw new FaceLabException(folder, "folder not found", "extract faces first with facelab faces extract");
        return ImageFiles.In(folder, FaceImageFile.Extensions);
    }

    /// <summary>The trash folder of a face set: <c>DIR_trash</c> beside <c>DIR</c> (DeepFaceLab's convention).</summary>
    public static string TrashOf(string folder) =>
        Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder)) + TrashSuffix;

    /// <summary>
    /// <paramref name="name"/> if no file of that name is in <paramref name="folder"/> or in
    /// <paramref name="taken"/>, else <c>stem_1.ext</c>, <c>stem_2.ext</c>, ... : never overwrites.
    /// </summary>
    public static string FreeName(string folder, string name, ISet<string>? taken = null)
    {
        var stem = Path.GetFileNameWithoutExtension(name);
        var ext = Path.GetExtension(name);
        var candidate = name;
        for (var k = 1; File.Exists(Path.Combine(folder, candidate)) || taken?.Contains(candidate) == true; k++)
            candidate = $"{stem}_{k}{ext}";
        return candidate;
    }
}
