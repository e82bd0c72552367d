using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Reflection.Metadata.Ecma335;
using System.Text.RegularExpressions;

namespace FaceLab.Tests.Architecture;

/// <summary>
/// No library message names a CLI flag: the library says what is wrong and what kind of action
/// helps (<see cref="FaceLab.Common.Remedy"/>), and the CLI names its own flags when it prints.
/// </summary>
/// <remarks>
/// Reads every string literal compiled into the library (the metadata's user-string heap, which
/// holds each literal and each constant part of an interpolated string), so no message escapes by
/// being built in pieces. Seen to fail: with AtomicOutput's hint put back to "pass --overwrite to
/// replace it", the test failed naming that literal; restored, it passes.
/// </remarks>
public partial class LibraryMessageTests
{
    /// <summary>Arguments the library passes to other programs, which are flags of those programs, not of FaceLab.</summary>
    private static readonly HashSet<string> OtherProgramsArguments =
    [
        "--query-gpu=memory.total --format=csv,noheader,nounits", // nvidia-smi
        "--silent", "--pack-destination", // npm pack
        "--parsable", "--array=", "--dependency=afterok:", "--dependency=afterany:", "--kill-on-invalid-dep=yes", // sbatch
    ];

    [GeneratedRegex(@"(^|[\s(""'/])--[a-z][a-z0-9-]*")]
    private static partial Regex FlagPattern();

    [Fact]
    public void NoLibraryStringNamesACliFlag()
    {
        var offending = LibraryStrings()
            .Where(s => FlagPattern().IsMatch(s) && !OtherProgramsArguments.Contains(s))
            .ToList();

        Assert.True(offending.Count == 0, "library strings naming a CLI flag:\n" + string.Join('\n', offending));
    }

    [Fact]
    public void ThePatternFindsAFlagInAMessage()
    {
        Assert.Matches(FlagPattern(), "out: already exists (pass --overwrite to replace it)");
        Assert.Matches(FlagPattern(), "--fps 0: must be positive");
        Assert.DoesNotMatch(FlagPattern(), "rest[--restCount]");
    }

    private static IEnumerable<string> LibraryStrings()
    {
        using var stream = File.OpenRead(typeof(FaceLab.Common.FaceLabException).Assembly.Location);
        using var pe = new PEReader(stream);
        var reader = pe.GetMetadataReader();
        var strings = new List<string>();
        for (var handle = MetadataTokens.UserStringHandle(1); !handle.IsNil; handle = reader.GetNextHandle(handle))
            strings.Add(reader.GetUserString(handle));
        return strings;
    }
}
