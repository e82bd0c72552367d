using FaceLab.Faces.Alignment;
using FaceLab.Faces.Extraction;
using FaceLab.Faces.Files;
using FaceLab.Faces.Landmarks;
using FaceLab.FaceSets;
using FaceLab.Media;
using FaceLab.Tests.Faces.Extraction;
using FaceLab.Tests.Support;
using FaceLab.Training.Inference;
using FaceLab.Training.Models;
using FaceLab.Training.Sessions;
using OpenCvSharp;
using Xunit.Abstractions;

namespace FaceLab.Tests.Training.Avatar;

/// <summary>
/// Does AVATAR's output follow its driver? A small AVATAR trained briefly on the two demo people
/// (head faces, consecutive dst frames), then for held-out dst frames: landmarks located on the
/// swap (the src head) against the driving dst face's landmarks, and against another dst frame's
/// (shuffled drivers).
/// </summary>
public sealed class PoseFollowingTests(ITestOutputHelper output) : IDisposable
{
    private const int TrainFaces = 76;
    private const int HeldOut = 24;
    private const int Measure = 256;

    private readonly TempFolder _temp = new();

    [Fact]
    public void The_swap_follows_its_own_drivers_landmarks_not_another_frames()
    {
        // dst: the first 4 s of the demo dst video, every frame (100 faces; neighbours are real); src: the demo src at 3 fps.
        var dstVideo = _temp.Combine("dst.mp4");
        MediaOracle.Run("ffmpeg", "-v", "error", "-i", TestPaths.DemoDestinationVideo, "-t", "4", "-an", "-c:v", "libx264", "-crf", "12", "-pix_fmt", "yuv420p", dstVideo);
        var dst = Extract(dstVideo, "dst", fps: null);
        var src = Extract(TestPaths.DemoSourceVideo, "src", fps: 3);
        var dstFiles = FaceFiles(dst);
        Assert.True(dstFiles.Length >= TrainFaces + HeldOut, $"{dstFiles.Length} dst faces");
        // Train on the first frames, measure on the last ones (held out).
        var train = Directory.CreateDirectory(_temp.Combine("dst-train")).FullName;
        foreach (var f in dstFiles.Take(TrainFaces)) File.Copy(f, Path.Combine(train, Path.GetFileName(f)));
        var heldOut = dstFiles.Skip(dstFiles.Length - HeldOut).ToArray();

        var avatar = ModelRegistry.Get("AVATAR");
        var options = (AvatarOptions)avatar.Defaults with { Resolution = 64, EncoderDims = 16, AeDims = 64, InterDims = 64, DecoderDims = 16 };
        var run = TinyModels.ShortRun(Iterations, seed: 3) with { BatchSize = 8 };
        string folder;
        using (var session = TrainingSession.Open(_temp.Combine("models"), avatar, "pose", options, FolderFaceSet.Open(src), FolderFaceSet.Open(train), run))
        {
            session.Run(TextWriter.Null, CancellationToken.None);
            folder = session.Folder;
        }

        using var model = TrainedModel.Open(folder);
        var faces = heldOut.Select(FaceImageFile.Read).ToList();
        try
        {
            // Each held-out face with its neighbours (the held-out run is consecutive frames).
            var frames = faces.Select((f, i) => new FaceFrames(f.Image, faces[Math.Max(0, i - 1)].Image, faces[Math.Min(faces.Count - 1, i + 1)].Image)).ToList();
            var swaps = model.Predict(frames);
            var drivers = faces.Select(f => Scaled(f.Metadata.Landmarks, (double)Measure / f.Image.Cols)).ToList();
            // One box for every image (the drivers' mean landmark box), so the landmarker is told nothing about a particular driver.
            var box = MeanBox(drivers);
            using var landmarker = FaceLandmarkers.Dlib.Create();
            var located = swaps.Select(s => Locate(landmarker, s.Face, box)).ToList();
            var onDrivers = faces.Select(f => Locate(landmarker, f.Image, box)).ToList();
            foreach (var s in swaps) s.Dispose();

            var own = Enumerable.Range(0, HeldOut).Average(i => Nme(located[i], drivers[i]));
            var shuffled = Enumerable.Range(0, HeldOut).Average(i => Nme(located[i], drivers[(i + HeldOut / 2) % HeldOut]));
            var floor = Enumerable.Range(0, HeldOut).Average(i => Nme(onDrivers[i], drivers[i]));
            var driversApart = Enumerable.Range(0, HeldOut).Average(i => Nme(drivers[i], drivers[(i + HeldOut / 2) % HeldOut]));
            output.WriteLine($"NME own driver {own:F4}, shuffled drivers {shuffled:F4}, landmarker on the drivers themselves {floor:F4}, drivers apart {driversApart:F4}");
            Assert.True(own < OwnBound, $"NME to the own driver {own:F4} ≥ {OwnBound}");
            Assert.True(own < ShuffledRatio * shuffled, $"NME own {own:F4} not clearly below shuffled {shuffled:F4}");
        }
        finally
        {
            foreach (var f in faces) f.Image.Dispose();
        }
    }

    private const long Iterations = 500;
    private const double OwnBound = 0.2;
    private const double ShuffledRatio = 0.8;

    private string Extract(string video, string name, double? fps)
    {
        var frames = _temp.Combine(name);
        FrameExtractor.ExtractAsync(video, frames, new FrameExtractionOptions { Fps = fps }).GetAwaiter().GetResult();
        var aligned = Path.Combine(frames, "aligned");
        FaceExtraction.RunAsync(frames, aligned, DemoDestinationFixture.DefaultTools(), new FaceExtractionOptions { Size = 128, FaceType = FaceType.Head }).GetAwaiter().GetResult();
        return aligned;
    }

    private static string[] FaceFiles(string folder) =>
        [.. Directory.GetFiles(folder, "*.jpg").OrderBy(f => Path.GetFileName(f), StringComparer.Ordinal)];

    private static Point2d[] Scaled(IEnumerable<Point2d> points, double scale) => [.. points.Select(p => new Point2d(p.X * scale, p.Y * scale))];

    private static Rect2d MeanBox(IReadOnlyList<Point2d[]> landmarks)
    {
        double left = landmarks.Average(l => l.Min(p => p.X)), right = landmarks.Average(l => l.Max(p => p.X));
        double top = landmarks.Average(l => l.Min(p => p.Y)), bottom = landmarks.Average(l => l.Max(p => p.Y));
        return new Rect2d(left, top, right - left, bottom - top);
    }

    /// <summary>Landmarks of a face image (float in [0, 1] or bytes, any size) enlarged to <see cref="Measure"/> px.</summary>
    private static Point2d[] Locate(ILandmarker landmarker, Mat face, Rect2d box)
    {
        using var bytes = new Mat();
        face.ConvertTo(bytes, MatType.CV_8UC3, face.Depth() == MatType.CV_8U ? 1 : 255);
        using var large = bytes.Resize(new Size(Measure, Measure), 0, 0, InterpolationFlags.Cubic);
        return landmarker.Locate(large, box);
    }

    /// <summary>Mean point distance over the inter-ocular distance (outer eye corners) of <paramref name="reference"/>.</summary>
    private static double Nme(Point2d[] located, Point2d[] reference) =>
        located.Zip(reference).Average(p => p.First.DistanceTo(p.Second)) / reference[36].DistanceTo(reference[45]);

    public void Dispose() => _temp.Dispose();
}
