using System.Security.Cryptography;
using FaceLab.Common;

namespace FaceLab.Assets;

/// <summary>
/// The local cache of models and demo media, outside git: <c>$FACELAB_CACHE</c>, else
/// <c>$XDG_CACHE_HOME/facelab</c>, else <c>~/.cache/facelab</c>. Files appear under their final
/// name only after their checksum matched (see <see cref="AssetInstaller"/>).
/// </summary>
public sealed class AssetStore(string root)
{
    /// <summary>The command that installs missing files, for hints.</summary>
    public const string InstallCommand = "./facelab setup";

    /// <summary>The cache folder (full path).</summary>
    public string Root { get; } = Path.GetFullPath(root);

    /// <summary>The store at <c>FACELAB_ASSETS</c> or the user's cache folder.</summary>
    public static AssetStore Default { get; } = new(DefaultRoot());

    /// <summary>Where <paramref name="asset"/> lives in this store.</summary>
    public string PathOf(AssetFile asset) => Path.Combine(Root, asset.CachePath);

    /// <summary>The cached file, or a one-line error telling the user how to install it.</summary>
    public string Require(AssetFile asset)
    {
        var path = PathOf(asset);
        if (!File.Exists(path))
            throw new FaceLabException(path, $"{asset.Description} is not installed", $"run {InstallCommand}");
        return path;
    }

    /// <summary>True when the file is present and its sha256 matches the catalog.</summary>
    public bool IsValid(AssetFile asset)
    {
        var path = PathOf(asset);
        return File.Exists(path) && Sha256Of(path) == asset.Sha256;
    }

    internal static string Sha256Of(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    private static string DefaultRoot()
    {
        var configured = Environment.GetEnvironmentVariable("FACELAB_CACHE");
        if (!string.IsNullOrWhiteSpace(configured)) return configured;
        var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        var cacheHome = string.IsNullOrWhiteSpace(xdg)
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache")
            : xdg;
        return Path.Combine(cacheHome, "facelab");
    }
}
