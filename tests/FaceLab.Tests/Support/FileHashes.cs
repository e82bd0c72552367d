using System.Security.Cryptography;

namespace FaceLab.Tests.Support;

/// <summary>What a folder holds, for comparing a run's result with another's.</summary>
public static class FileHashes
{
    /// <summary>Name → SHA-256 of every visible file directly in <paramref name="folder"/>; empty when the folder does not exist.</summary>
    public static SortedDictionary<string, string> Of(string folder)
    {
        var hashes = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (!Directory.Exists(folder)) return hashes;
        foreach (var file in Directory.GetFiles(folder).Where(f => !Path.GetFileName(f).StartsWith('.')))
            hashes[Path.GetFileName(file)] = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(file)));
        return hashes;
    }

    /// <summary>The hidden temporary files (<c>.NAME.PID-GUID.partial</c>) an unfinished write keeps in <paramref name="folder"/>.</summary>
    public static string[] Temporaries(string folder) =>
        Directory.Exists(folder) ? [.. Directory.GetFiles(folder, ".*.partial*").Select(f => Path.GetFileName(f)!).Order(StringComparer.Ordinal)] : [];

    /// <summary>Every file under a final name is the reference's file of that name, byte for byte.</summary>
    public static void RequireSubsetOf(IReadOnlyDictionary<string, string> reference, string folder, string context)
    {
        foreach (var (name, hash) in Of(folder))
        {
            Assert.True(reference.TryGetValue(name, out var expected), $"{context}: {name} is not in the uninterrupted run's result");
            Assert.True(expected == hash, $"{context}: {name} differs from the uninterrupted run's (half written?)");
        }
    }
}
