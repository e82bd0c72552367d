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
    public void TheReaderListsFacesWithMetadataAndReadsAnyByIndex()
    {
        using var temp = new TempFolder();
        var dir = temp.Combine("aligned");
        var faces = FaceSetFixture.CopyFaces(dir, data.Destination);
        File.WriteAllBytes(Path.Combine(dir, "broken.jpg"), [0xFF, 0xD8, 0xFF, 0xD9]);
        var path = temp.Combine("set.pak");
        FaceSetPacker.Pack(dir, path);

        using var pack = FaceSetPack.Open(path);

        Assert.Equal(faces.Length, pack.Count);
        Assert.Equal("broken.jpg", Assert.Single(pack.Skipped).Name);
        Parallel.For(0, pack.Count, i =>
        {
            var entry = pack.Entries[i];
            Assert.Equal(Path.GetFileName(faces[i]), entry.Name);
            Assert.Equal((256, 256), (entry.Width, entry.Height));
            Assert.Equal(FaceMetadataJson.Serialize(FaceImageFile.ReadMetadata(faces[i])), FaceMetadataJson.Serialize(entry.Metadata));
            Assert.Equal(File.ReadAllBytes(faces[i]), pack.ReadEncoded(i));
            using var image = pack.ReadImage(i);
            Assert.Equal(256, image.Width);
        });
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

        // An index naming a file outside the folder is refused before anything is written.
        var first = Path.GetFileName(FaceSetFolder.ListFaces(dir)[0]);
        var evil = "../" + first[3..];
        var needle = System.Text.Encoding.UTF8.GetBytes($"\"name\":\"{first}\"");
        var at = bytes.AsSpan().LastIndexOf(needle);
        Assert.True(at > 0);
        var tampered = (byte[])bytes.Clone();
        System.Text.Encoding.UTF8.GetBytes($"\"name\":\"{evil}\"").CopyTo(tampered, at);
        var tamperedPath = temp.Combine("tampered.pak");
        File.WriteAllBytes(tamperedPath, tampered);
        Assert.Contains("bad or repeated name", Assert.Throws<FaceLabException>(() => FaceSetPacker.Unpack(tamperedPath, temp.Combine("evil"))).Message);

        Assert.Contains("already exists", Assert.Throws<FaceLabException>(() => FaceSetPacker.Pack(dir)).Message);
    }
}
