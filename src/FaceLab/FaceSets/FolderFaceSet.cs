using FaceLab.Faces.Files;
using OpenCvSharp;

namespace FaceLab.FaceSets;

/// <summary>A folder of face files as an <see cref="IFaceSet"/>: the faces present when opened, in name order.</summary>
public sealed class FolderFaceSet : IFaceSet
{
    private readonly List<string> _files;

    public FolderFaceSet(string folder)
    {
        Location = Path.GetFullPath(folder);
        _files = FaceSetFolder.ListFaces(Location);
    }

    public string Location { get; }

    public int Count => _files.Count;

    public string NameAt(int index) => Path.GetFileName(_files[index]);

    public byte[] ReadBytes(int index) => File.ReadAllBytes(_files[index]);

    public FaceMetadata ReadMetadata(int index) => FaceImageFile.ReadMetadata(_files[index]);

    public Mat ReadImage(int index) => FaceBytes.DecodeImage(ReadBytes(index), _files[index]);

    public void Dispose() { }
}
