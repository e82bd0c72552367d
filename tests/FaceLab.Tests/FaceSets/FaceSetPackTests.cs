using FaceLab.Common;
using FaceLab.Faces.Files;
using FaceLab.FaceSets;
using FaceLab.FaceSets.Packing;
using FaceLab.Tests.Support;
using OpenCvSharp;

namespace FaceLab.Tests.FaceSets;

[Collection(FaceSetCollection.Name)]
public sealed class FaceSetPackTests(FaceSetFixture data)
{
    [Fact]
    public void PackThenUnpackRestoresEveryFaceByteIdentical()
    {
        using var temp = new TempFolder();
        var dir = temp.Combine("aligned");
        var faces = FaceSetFixture.CopyFaces(dir, data.Destination, data.Source);
        using (var plain = Cv2.ImRead(faces[0])) Cv2.ImWrite(Path.Combine(dir, "no-metadata.jpg"), plain);

        var packed = FaceSetPacker.Pack(dir);

        Assert.Equal(Path.Combine(dir, FaceSetPack.DefaultFileName), packed.Path);
        Assert.Equal(faces.Length, packed.Faces);
        Assert.Equal("no-metadata.jpg", Assert.Single(packed.Skipped).Name);
        var output = temp.Combine("unpacked");
        var unpacked = FaceSetPacker.Unpack(packed.Path, output);
        Assert.Equal(faces.Length, unpacked.Faces);
        foreach (var f in faces)
            Assert.Equal(File.ReadAllBytes(f), File.ReadAllBytes(Path.Combine(output, Path.GetFileName(f))));
        Assert.Equal(faces.Length, Directory.GetFiles(output).Length);

        // Re-running an unpack keeps identical files and writes nothing.
        var again = FaceSetPacker.Unpack(packed.Path, output);
        Assert.Equal(0, again.Faces);
        Assert.Equal(faces.Length, again.AlreadyPresent);
    }

    [Fact]
    public void TheReaderListsAndReadsAnyFaceByIndex()
    {
        using var temp = new TempFolder();
        var dir = temp.Combine("aligned");
        var faces = FaceSetFixture.CopyFaces(dir, data.Destination);
        var pack = temp.Combine("set.pak");
        FaceSetPacker.Pack(dir, pack);

        using var set = FaceSet.Open(pack);
        Assert.IsType<FaceSetPack>(set);
        Assert.Equal(faces.Length, set.Count);
        Parallel.For(0, set.Count, i =>
        {
            Assert.Equal(Path.GetFileName(faces[i]), set.NameAt(i));
            Assert.Equal(File.ReadAllBytes(faces[i]), set.ReadBytes(i));
            Assert.Equal(FaceImageFile.ReadMetadata(faces[i]).SourceFilename, set.ReadMetadata(i).SourceFilename);
            using var image = set.ReadImage(i);
            Assert.Equal(256, image.Width);
        });

        using var folder = FaceSet.Open(dir);
        Assert.IsType<FolderFaceSet>(folder);
        Assert.Equal(set.Count, folder.Count);
        Assert.Equal(set.ReadBytes(3), folder.ReadBytes(3));
    }

    [Fact]
    public void AFolderHoldingOnlyAPackOpensThePack()
    {
        using var temp = new TempFolder();
        var dir = temp.Combine("aligned");
        FaceSetFixture.CopyFaces(dir, data.Destination);
        var packed = FaceSetPacker.Pack(dir);
        foreach (var f in FaceSetFolder.ListFaces(dir)) File.Delete(f);

        using var set = FaceSet.Open(dir);

        Assert.IsType<FaceSetPack>(set);
        Assert.Equal(packed.Faces, set.Count);
    }

    [Fact]
    public void DamagedPacksGiveOneLineErrors()
    {
        using var temp = new TempFolder();
        var dir = temp.Combine("aligned");
        FaceSetFixture.CopyFaces(dir, data.Destination);
        var pack = FaceSetPacker.Pack(dir).Path;
        var bytes = File.ReadAllBytes(pack);

        var truncated = temp.Combine("truncated.pak");
        File.WriteAllBytes(truncated, bytes[..(bytes.Length / 2)]);
        Assert.Contains("damaged face pack", Assert.Throws<FaceLabException>(() => FaceSetPack.Open(truncated)).Message);

        var notAPack = temp.Combine("other.pak");
        File.WriteAllBytes(notAPack, bytes[100..]);
        Assert.Contains("not a FaceLab face pack", Assert.Throws<FaceLabException>(() => FaceSetPack.Open(notAPack)).Message);

        var flipped = temp.Combine("flipped.pak");
        var copy = (byte[])bytes.Clone();
        copy[5000] ^= 0xFF;
        File.WriteAllBytes(flipped, copy);
        Assert.Contains("checksum", Assert.Throws<FaceLabException>(() => FaceSetPacker.Unpack(flipped, temp.Combine("out"))).Message);

        Assert.Contains("already exists", Assert.Throws<FaceLabException>(() => FaceSetPacker.Pack(dir)).Message);
    }
}
