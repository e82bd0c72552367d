using System.Security.Cryptography;

namespace FaceLab.Tests.Support;

/// <summary>The shared test data is what its SHA256SUMS says, so no test trusts a damaged file.</summary>
public class SharedDataIntegrityTests
{
    [Fact]
    public void EveryFileMatchesSha256Sums()
    {
        var sums = File.ReadAllLines(Path.Combine(TestPaths.SharedData, "SHA256SUMS"))
            .Where(l => l.Length > 66)
            .Select(l => (Hash: l[..64], File: l[64..].TrimStart(' ', '*')))
            .ToList();
        Assert.NotEmpty(sums);
        foreach (var (hash, file) in sums)
        {
            using var stream = File.OpenRead(Path.Combine(TestPaths.SharedData, file));
            Assert.Equal(hash, Convert.ToHexStringLower(SHA256.HashData(stream)));
        }
    }
}
