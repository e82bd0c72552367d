using FaceLab.Faces.Detection;
using Xunit.Abstractions;

namespace FaceLab.Tests.Faces.Detection;

/// <summary>Detectors on pictures without faces: the neural detectors stay silent.</summary>
public class FaceFreeImageTests(ITestOutputHelper output)
{
    /// <summary>Measured false alarms per image (image name → faces); images not listed give none.</summary>
    private static readonly Dictionary<string, Dictionary<string, int>> KnownFalseAlarms = new()
    {
        // The lines of text read as a face (score 0.81) once the 448x172 picture is stretched to 4:3;
        // letterboxing avoids it but loses 2 of the 9 annotated portraits, so stretching stays the default.
        ["ultraface"] = new() { ["text"] = 1 },
        ["blazeface"] = [],
        ["blazeface-short"] = [],
        ["mtcnn"] = [],
        ["haar"] = new() { ["coins"] = 3, ["moon"] = 1 },
    };

    public static TheoryData<string> DetectorNames => new(FaceDetectors.Names);

    [Theory]
    [MemberData(nameof(DetectorNames))]
    public void FindsOnlyTheKnownFalseAlarms(string detectorName)
    {
        using var detector = FaceDetectors.Create(detectorName);
        var found = new Dictionary<string, int>();
        foreach (var name in FaceFreeImages.Names)
        {
            using var image = DetectorProbe.ReadBgr(FaceFreeImages.PathOf(name));
            var faces = detector.Detect(image);
            output.WriteLine($"{detectorName,-16} {name,-8} {image.Width}x{image.Height} faces={faces.Count} "
                + string.Join(" ", faces.Select(f => $"{DetectorProbe.Format(f.Box)}@{f.Score:F2}")));
            if (faces.Count > 0) found[name] = faces.Count;
        }
        Assert.Equal(KnownFalseAlarms[detectorName], found);
    }
}
