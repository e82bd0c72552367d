using FaceLab.Assets;
using FaceLab.Evaluation;
using FaceLab.Tests.Support;
using Xunit.Abstractions;

namespace FaceLab.Tests.Evaluation;

/// <summary>
/// The recognition net on real faces of four people (the two demo videos and the two LivePortrait
/// clips), 3 frames each, cut as <see cref="RecognitionChip"/>: one person's faces lie within the
/// 0.6 threshold, different people's beyond it. Measured: same 0.18–0.43, different 0.69–0.92.
/// </summary>
public class FaceRecognitionNetTests(ITestOutputHelper output)
{
    private static readonly (string Person, string Video, int Step)[] People =
    [
        ("franck", "franck", 400),
        ("cap13", "cap13", 150),
        ("d18", "liveportrait_d18_man_480x480_30fps_7s.mp4", 60),
        ("d19", "liveportrait_d19_man-glasses_480x480_30fps_8s.mp4", 60),
    ];

    [Fact]
    public void One_persons_faces_are_nearer_than_the_threshold_and_different_people_beyond_it()
    {
        TestPaths.Asset(AssetCatalog.FaceApiRecognition);
        var net = FaceRecognitionNet.LoadShared(TestPaths.Asset(AssetCatalog.FaceApiRecognitionManifest));
        var descriptors = People.ToDictionary(p => p.Person, p =>
        {
            var chips = RealFaceChips.FromVideo(RealFaceChips.Video(p.Video), p.Step, 3);
            var result = chips.Select(net.Describe).ToList();
            foreach (var chip in chips) chip.Dispose();
            return result;
        });

        foreach (var (a, da) in descriptors)
            foreach (var (b, db) in descriptors)
            {
                var distances = da.SelectMany((x, i) => db.Select((y, j) => (i, j, d: x.DistanceTo(y)))).Where(t => a != b || t.i < t.j).Select(t => t.d).ToList();
                output.WriteLine($"{a} vs {b}: {distances.Min():0.000}..{distances.Max():0.000}");
                if (a == b) Assert.InRange(distances.Max(), 0, FaceDescriptor.SamePersonThreshold);
                else Assert.InRange(distances.Min(), FaceDescriptor.SamePersonThreshold, 2);
            }
        Assert.Equal(128, net.DescriptorLength);
    }
}
