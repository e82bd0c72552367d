using System.Buffers.Binary;
using System.Text;
using System.Text.RegularExpressions;

namespace FaceLab.Tests.Fuzz;

/// <summary>
/// Deterministic mutations of a valid input, the kinds that hurt parsers: bit flips, inserted and
/// deleted bytes, truncation, length fields set to extremes and, in JSON, huge or non-finite numbers,
/// deep nesting and values of the wrong type. One to three mutations are stacked per input.
/// </summary>
internal sealed partial class InputMutator(int seed)
{
    private static readonly uint[] ExtremeLengths = [0, 1, 0x7FFF_FFFF, 0x8000_0000, 0xFFFF_FFFF, 0xFFFF_FFFE, 0x0100_0000];

    private static readonly string[] HostileNumbers = ["1e300", "-1e300", "NaN", "Infinity", "-0", "99999999999999999999999", "-2147483649", "2147483648", "1.0000000000000002", "0.5"];

    private static readonly string[] WrongTypes = ["null", "\"x\"", "{}", "[]", "true", "[[]]", "{\"a\":null}", "-1"];

    private readonly Random _random = new(seed);

    public byte[] Mutate(byte[] input)
    {
        var bytes = input;
        var rounds = 1 + _random.Next(3);
        for (var i = 0; i < rounds; i++) bytes = MutateOnce(bytes);
        return bytes;
    }

    private byte[] MutateOnce(byte[] b)
    {
        if (IsJson(b) && _random.Next(2) == 0) return MutateJson(Encoding.UTF8.GetString(b));
        if (b.Length == 0) return [(byte)_random.Next(256)];
        var at = _random.Next(b.Length);
        var copy = (byte[])b.Clone();
        switch (_random.Next(6))
        {
            case 0:
                copy[at] ^= (byte)(1 << _random.Next(8));
                return copy;
            case 1:
                return [.. b[..at], .. RandomBytes(1 + _random.Next(16)), .. b[at..]];
            case 2:
                return [.. b[..at], .. b[Math.Min(b.Length, at + 1 + _random.Next(16))..]];
            case 3:
                return b[.._random.Next(b.Length)];
            case 4:
                return WithLength(copy, at);
            default:
                copy[at] = (byte)_random.Next(256);
                return copy;
        }
    }

    /// <summary>Overwrites four bytes with an extreme length, in either byte order (PNG and packs differ).</summary>
    private byte[] WithLength(byte[] b, int at)
    {
        if (b.Length < 4) return b;
        at = Math.Min(at, b.Length - 4);
        var value = ExtremeLengths[_random.Next(ExtremeLengths.Length)];
        if (_random.Next(2) == 0) BinaryPrimitives.WriteUInt32BigEndian(b.AsSpan(at), value);
        else BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(at), value);
        return b;
    }

    private byte[] MutateJson(string text)
    {
        string result;
        switch (_random.Next(5))
        {
            case 0:
                result = ReplaceOne(NumberPattern(), text, HostileNumbers[_random.Next(HostileNumbers.Length)]);
                break;
            case 1:
                result = ReplaceOne(ValuePattern(), text, WrongTypes[_random.Next(WrongTypes.Length)]);
                break;
            case 2:
                var depth = 20 + _random.Next(2000);
                var at = _random.Next(text.Length + 1);
                result = text[..at] + new string('[', depth) + new string(']', depth) + text[at..];
                break;
            case 3:
                // A key twice in one object.
                var property = PropertyPattern().Matches(text) is { Count: > 0 } props ? props[_random.Next(props.Count)] : null;
                result = property is null ? text : text.Insert(property.Index, property.Value + ",");
                break;
            default:
                // A value repeated: long arrays, and broken syntax where it lands outside one.
                var match = ValuePattern().Matches(text) is { Count: > 0 } all ? all[_random.Next(all.Count)] : null;
                result = match is null ? text : text.Insert(match.Index, string.Concat(Enumerable.Repeat(match.Value + ",", 1 + _random.Next(50))));
                break;
        }
        return Encoding.UTF8.GetBytes(result);
    }

    private string ReplaceOne(Regex pattern, string text, string replacement)
    {
        var matches = pattern.Matches(text);
        if (matches.Count == 0) return text;
        var m = matches[_random.Next(matches.Count)];
        return string.Concat(text.AsSpan(0, m.Index), replacement, text.AsSpan(m.Index + m.Length));
    }

    private byte[] RandomBytes(int count)
    {
        var bytes = new byte[count];
        _random.NextBytes(bytes);
        return bytes;
    }

    private static bool IsJson(byte[] b) => b.Length > 0 && (b[0] == (byte)'{' || b[0] == (byte)'[');

    [GeneratedRegex(@"-?\d+(\.\d+)?([eE][-+]?\d+)?")]
    private static partial Regex NumberPattern();

    /// <summary>A key with a scalar value.</summary>
    [GeneratedRegex(@"""[A-Za-z_]+""\s*:\s*(""[^""]*""|-?\d[\d.eE+-]*|true|false|null)")]
    private static partial Regex PropertyPattern();

    /// <summary>A value after a key: a number, string, literal, or the opening of an array or object.</summary>
    [GeneratedRegex(@"(?<=:)\s*(""[^""]*""|-?\d[\d.eE+-]*|true|false|null|\[|\{)")]
    private static partial Regex ValuePattern();
}
