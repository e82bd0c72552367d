using FaceLab.FaceSets;
using FaceLab.FaceSets.Features;
using FaceLab.FaceSets.Packing;
using FaceLab.Tests.Support;

namespace FaceLab.Tests.FaceSets;

/// <summary>Every face-set tool sees the same faces: macOS copies and our own hidden files are never faces.</summary>
[Collection(FaceSetCollection.Name)]
public sealed class FaceSetListingTests(FaceSetFixture data)
{
    [Fact]
    public void HiddenCopiesOfFacesAreSkippedByEveryTool()
    {
        using var temp = new TempFolder();
        var dir = temp.Combine("aligned");
        var faces = FaceSetFixture.CopyFaces(dir, data.Destination);
        // A macOS resource-fork copy and a hidden copy carry real face metadata: only their names make them not faces.
        File.Copy(faces[0], Path.Combine(dir, "._" + Path.GetFileName(faces[0])));
        File.Copy(faces[1], Path.Combine(dir, "." + Path.GetFileName(faces[1])));

        Assert.Equal(faces.Length, FaceSetFolder.ListFaces(dir).Count);
        Assert.Equal(faces.Length, FolderFaceSet.Open(dir).Count);
        Assert.Equal(faces.Length, FaceSetScanner.Scan(dir, 1).Faces.Count);
        Assert.Equal(faces.Length, FaceSetPacker.Pack(dir).Faces);
    }
}
