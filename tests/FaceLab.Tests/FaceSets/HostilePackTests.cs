using System.Buffers.Binary;
using System.Text.Json.Nodes;
using FaceLab.Common;
using FaceLab.FaceSets;
using FaceLab.FaceSets.Packing;
using FaceLab.Tests.Support;

namespace FaceLab.Tests.FaceSets;

/// <summary>A pack is untrusted input: crafted offsets, sizes and counts are refused at Open with one line naming the pack and the face.</summary>
[Collection(FaceSetCollection.Name)]
public sealed class HostilePackTests(FaceSetFixture data)
{
    /// <summary>A real pack with its index rewritten by <paramref name="edit"/> and the header made to match.</summary>
    private static string Crafted(TempFolder temp, string pack, string name, Action<JsonObject> edit, Func<uint, uint>? count = null)
    {
        var bytes = File.ReadAllBytes(pack);
        var indexOffset = BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(16));
        var index = JsonNode.Parse(bytes.AsSpan((int)indexOffset))!.AsObject();
        edit(index);
        var newIndex = System.Text.Encoding.UTF8.GetBytes(index.ToJsonString());
        var result = bytes[..(int)indexOffset].Concat(newIndex).ToArray();
        BinaryPrimitives.WriteInt64LittleEndian(result.AsSpan(24), newIndex.Length);
        if (count is not null)
            BinaryPrimitives.WriteUInt32LittleEndian(result.AsSpan(12), count(BinaryPrimitives.ReadUInt32LittleEndian(result.AsSpan(12))));
        var path = temp.Combine(name);
        File.WriteAllBytes(path, result);
        return path;
    }

    private static JsonObject First(JsonObject index) => index["faces"]![0]!.AsObject();

    private string RealPack(TempFolder temp)
    {
        var dir = temp.Combine("aligned");
        FaceSetFixture.CopyFaces(dir, data.Destination);
        return FaceSetPacker.Pack(dir).Path;
    }

    private static FaceLabException Refused(string path)
    {
        var error = Assert.Throws<FaceLabException>(() => FaceSetPack.Open(path).Dispose());
        Assert.Contains(Path.GetFileName(path), error.Message);
        Assert.DoesNotContain('\n', error.Message);
        return error;
    }

    [Theory]
    [InlineData(long.MaxValue - 10, 100)]
    [InlineData(long.MaxValue, 1)]
    [InlineData(40, 0)]
    [InlineData(40, -5)]
    public void AFaceOffsetOrLengthOutsideTheDataIsRefused(long offset, long length)
    {
        using var temp = new TempFolder();
        string? name = null;
        var pack = Crafted(temp, RealPack(temp), "offset.pak", index =>
        {
            name = (string)First(index)["name"]!;
            First(index)["offset"] = offset;
            First(index)["length"] = length;
        });

        var error = Refused(pack);

        Assert.Contains(name!, error.Message);
        Assert.Contains("outside the data", error.Message);
    }

    [Theory]
    [InlineData(0, 256)]
    [InlineData(256, 0)]
    [InlineData(-1, 256)]
    [InlineData(1_000_000, 256)]
    [InlineData(256, 1_000_000)]
    public void AnImpossibleFaceSizeIsRefused(int width, int height)
    {
        using var temp = new TempFolder();
        var real = RealPack(temp);
        string? name = null;
        var pack = Crafted(temp, real, "size.pak", index =>
        {
            name = (string)First(index)["name"]!;
            First(index)["width"] = width;
            First(index)["height"] = height;
        });

        var error = Refused(pack);

        Assert.Contains(name!, error.Message);
        Assert.Contains("size", error.Message);
    }

    [Fact]
    public void ATruncatedIndexIsRefused()
    {
        using var temp = new TempFolder();
        var bytes = File.ReadAllBytes(RealPack(temp));
        var indexLength = BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(24));
        var cut = bytes[..^(int)(indexLength / 2)];
        BinaryPrimitives.WriteInt64LittleEndian(cut.AsSpan(24), indexLength - indexLength / 2);
        var path = temp.Combine("cut-index.pak");
        File.WriteAllBytes(path, cut);

        Assert.Contains("damaged face pack", Refused(path).Message);
    }

    [Theory]
    [InlineData(9_999_999u)]
    [InlineData(uint.MaxValue)]
    public void AHugeFaceCountIsRefusedBeforeTheIndexIsParsed(uint count)
    {
        using var temp = new TempFolder();
        var pack = Crafted(temp, RealPack(temp), "count.pak", _ => { }, _ => count);

        Assert.Contains("damaged face pack", Refused(pack).Message);
    }

    [Fact]
    public void AnIndexListingMoreFacesThanTheHeaderIsRefused()
    {
        using var temp = new TempFolder();
        var pack = Crafted(temp, RealPack(temp), "more.pak", index =>
        {
            var copy = First(index).DeepClone().AsObject();
            copy["name"] = "extra_0.jpg";
            index["faces"]!.AsArray().Add(copy);
        });

        Assert.Contains("damaged face pack", Refused(pack).Message);
    }

    [Fact]
    public void VerifiedReadsThroughTheFaceSetInterfaceCatchABitFlip()
    {
        using var temp = new TempFolder();
        var path = RealPack(temp);
        int offset;
        using (var pack = FaceSetPack.Open(path)) offset = (int)pack.Entries[0].Offset;
        var bytes = File.ReadAllBytes(path);
        bytes[offset + 700] ^= 0x40;
        File.WriteAllBytes(path, bytes);

        using var flipped = FaceSetPack.Open(path);
        IFaceSet set = flipped;
        Assert.NotNull(set.ReadEncoded(0)); // the plain read does not look
        Assert.Contains("checksum", Assert.Throws<FaceLabException>(() => set.ReadVerified(0)).Message);
        Assert.Equal(set.ReadEncoded(1), set.ReadVerified(1));

        IFaceSet folder = FolderFaceSet.Open(temp.Combine("aligned"));
        Assert.Equal(folder.ReadEncoded(0), folder.ReadVerified(0));
    }
}
