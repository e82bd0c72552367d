using FaceLab.Faces.Files;
using OpenCvSharp;

namespace FaceLab.FaceSets;

/// <summary>
/// A face set read by index, whether a folder of face files or a packed <c>faceset.pak</c>
/// (<see cref="FaceSet.Open"/>), so training reads both alike. Reads are thread-safe.
/// </summary>
public interface IFaceSet : IDisposable
{
    /// <summary>The folder or pack file.</summary>
    string Location { get; }

    int Count { get; }

    /// <summary>The face's file name (in a pack: the name it had when packed).</summary>
    string NameAt(int index);

    /// <summary>The face file's bytes exactly as written by extraction.</summary>
    byte[] ReadBytes(int index);

    /// <summary>The embedded metadata; a <see cref="Common.FaceLabException"/> when the face has none.</summary>
    FaceMetadata ReadMetadata(int index);

    /// <summary>The face image, BGR 8-bit; the caller disposes it.</summary>
    Mat ReadImage(int index);
}
