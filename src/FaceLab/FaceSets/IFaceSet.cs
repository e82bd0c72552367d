using FaceLab.Faces.Files;
using OpenCvSharp;

namespace FaceLab.FaceSets;

/// <summary>
/// A set of aligned faces: a folder of face images (<see cref="FolderFaceSet"/>) or a packed
/// single file (<c>Packing.FaceSetPack</c>); <c>Packing.FaceSet.Open</c> opens either. Indices are stable for the life of the set (0 … Count − 1).
/// Implementations are safe to read from several threads. Dispose closes what the set holds open
/// (a pack keeps its file open; a folder holds nothing).
/// </summary>
public interface IFaceSet : IDisposable
{
    /// <summary>Where the faces come from (a folder or file path), for messages.</summary>
    string Location { get; }

    /// <summary>How many faces the set holds.</summary>
    int Count { get; }

    /// <summary>Name, metadata and image size of face <paramref name="index"/>.</summary>
    FaceSetEntry this[int index] { get; }

    /// <summary>Images that could not be used (no or damaged metadata), by name with the reason.</summary>
    IReadOnlyList<SkippedFace> Skipped { get; }

    /// <summary>The encoded image (JPEG or PNG bytes) of face <paramref name="index"/>.</summary>
    byte[] ReadEncoded(int index);

    /// <summary>
    /// <see cref="ReadEncoded"/>, checked against the checksum the set stores where it has one (a
    /// pack: a mismatch throws); a folder stores none, so its bytes are returned as read.
    /// </summary>
    byte[] ReadVerified(int index) => ReadEncoded(index);
}

/// <summary>One usable face of a set: its name (file name in a folder), metadata and pixel size.</summary>
public sealed record FaceSetEntry(string Name, FaceMetadata Metadata, Size ImageSize);

/// <summary>An image a face set (or a sort) left out, and why: no FaceLab metadata, damaged metadata, undecodable.</summary>
public sealed record SkippedFace(string Name, string Reason);
