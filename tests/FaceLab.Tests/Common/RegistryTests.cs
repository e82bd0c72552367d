using FaceLab.Common;
using FaceLab.Faces.Detection;
using FaceLab.Faces.Landmarks;
using FaceLab.FaceSets.Sorting;

namespace FaceLab.Tests.Common;

/// <summary>Every registry of things chosen by name looks them up the same way and fails the same way.</summary>
public class RegistryTests
{
    /// <summary>Each registry kind: its lookup by name, the registered names, and a name it does not hold.</summary>
    public static TheoryData<string> Kinds => ["face detector", "landmarker", "sort method"];

    private static (Func<string, string> Lookup, IReadOnlyList<string> Names) Of(string kind) => kind switch
    {
        "face detector" => (n => FaceDetectors.Get(n).Name, FaceDetectors.Registry.Names),
        "landmarker" => (n => FaceLandmarkers.Get(n).Name, FaceLandmarkers.Registry.Names),
        "sort method" => (n => FaceSortMethods.Get(n).Name, FaceSortMethods.Registry.Names),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    [Theory]
    [MemberData(nameof(Kinds))]
    public void LookupIgnoresCase(string kind)
    {
        var (lookup, names) = Of(kind);
        Assert.NotEmpty(names);
        foreach (var name in names)
        {
            Assert.Equal(name, lookup(name.ToUpperInvariant()));
            Assert.Equal(name, lookup(name));
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void AnUnknownNameIsAFaceLabErrorWithSubjectAndAHintListingTheValidNames(string kind)
    {
        var (lookup, names) = Of(kind);

        var error = Assert.Throws<FaceLabException>(() => lookup("no-such-thing"));

        Assert.Equal("no-such-thing", error.Subject);
        Assert.Equal($"unknown {kind}", error.Problem);
        Assert.False(string.IsNullOrWhiteSpace(error.Hint));
        Assert.All(names, n => Assert.Contains(n, error.Hint));
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void ANameRegisteredTwiceInAnyCaseIsRefused() =>
        Assert.Throws<ArgumentException>(() => new Registry<int>("number", [("one", 1), ("ONE", 2)]));
}
