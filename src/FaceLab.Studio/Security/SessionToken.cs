using System.Security.Cryptography;
using System.Text;

namespace FaceLab.Studio.Security;

/// <summary>
/// The secret of one studio run: 32 random bytes, printed once in the studio's URL. Any local
/// process or web page can reach a loopback port; only whoever holds the token gets an answer.
/// </summary>
public sealed class SessionToken
{
    public const string HeaderName = "X-FaceLab-Token";
    public const string QueryName = "token";

    private readonly byte[] _bytes;

    private SessionToken(string value)
    {
        Value = value;
        _bytes = Encoding.ASCII.GetBytes(value);
    }

    /// <summary>URL-safe base64 of 32 random bytes.</summary>
    public string Value { get; }

    public static SessionToken Create() => new(RandomUrlSafe(32));

    /// <summary>URL-safe base64 (no padding) of <paramref name="bytes"/> random bytes.</summary>
    internal static string RandomUrlSafe(int bytes) =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(bytes)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>Compares in constant time, so response timing tells nothing about the token.</summary>
    public bool Matches(string? candidate) =>
        candidate is not null && CryptographicOperations.FixedTimeEquals(_bytes, Encoding.ASCII.GetBytes(candidate));

    /// <summary>
    /// The cookie that carries the token after the token URL was opened. Cookies ignore the port,
    /// so each studio names its own: two studios on one machine never overwrite each other's.
    /// </summary>
    public static string CookieName(int port) => $"facelab_studio_{port}";
}
