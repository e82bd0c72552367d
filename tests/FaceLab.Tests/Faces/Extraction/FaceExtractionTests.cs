using FaceLab.Common;
using FaceLab.Faces.Alignment;
using FaceLab.Faces.Extraction;
using FaceLab.Faces.Detection;
using FaceLab.Faces.Files;
using FaceLab.Media;
using FaceLab.Tests.Faces.Detection;
using FaceLab.Tests.Support;
using OpenCvSharp;

namespace FaceLab.Tests.Faces.Extraction;

public class FaceExtractionTests(DemoDestinationFixture demo) : IClassFixture<DemoDestinationFixture>
{
    [Fact]
    public void EveryFrameOfTheDemoDstVideoGivesExactlyOneFace()
    {
        Assert.Equal(765, demo.Report.Frames);
        Assert.Empty(demo.Report.FramesWithoutFaces);
        Assert.Equal(765, demo.Report.FacesWritten);
        var files = demo.FaceFiles.Select(Path.GetFileName).ToArray();
        Assert.Equal(765, files.Length);
        Assert.Equal("00001_0.jpg", files[0]);
        Assert.Equal("00765_0.jpg", files[^1]);
        Assert.DoesNotContain(files, f => !f!.EndsWith("_0.jpg", StringComparison.Ordinal));
    }

    [Fact]
    public void FaceFilesCarryConsistentMetadata()
    {
        foreach (var file in demo.FaceFiles.Where((_, i) => i % 50 == 0))
        {
            var (image, meta) = FaceImageFile.Read(file);
            using (image) Assert.Equal(new Size(256, 256), image.Size());
            Assert.Equal("full", meta.FaceType);
            Assert.Equal(Path.GetFileName(file)[..5] + ".png", meta.SourceFilename);
            Assert.Equal("ultraface", meta.Detector);
            Assert.Equal("dlib", meta.Landmarker);
            var m = meta.ImageToFaceMat;
            var toFace = new Affine2D(m[0][0], m[0][1], m[0][2], m[1][0], m[1][1], m[1][2]);
            for (var i = 0; i < 68; i++)
            {
                var p = toFace.Apply(meta.SourceLandmarks[i]);
                Assert.InRange(p.X - meta.Landmarks[i].X, -1e-6, 1e-6);
                Assert.InRange(p.Y - meta.Landmarks[i].Y, -1e-6, 1e-6);
            }
            var rect = meta.SourceRect;
            Assert.InRange(meta.SourceLandmarks[30].X, rect[0], rect[2]); // nose tip inside the detector box
            Assert.InRange(meta.SourceLandmarks[30].Y, rect[1], rect[3]);
        }
    }

    [Fact]
    public void AlignedFacesAreUprightAndCentred()
    {
        var (image, meta) = FaceImageFile.Read(demo.FaceFiles[100]);
        image.Dispose();
        var leftEye = Mean(meta.Landmarks[36..42]);
        var rightEye = Mean(meta.Landmarks[42..48]);
        Assert.InRange(Math.Abs(leftEye.Y - rightEye.Y), 0, 256 * 0.03); // eyes level
        Assert.InRange((leftEye.X + rightEye.X) / 2, 128 - 256 * 0.05, 128 + 256 * 0.05); // centred
    }

    [Fact]
    public async Task ResumesAnInterruptedRunWithoutRedoingOrLosingFrames()
    {
        using var temp = new TempFolder();
        var frames = CopyFrames(temp.Combine("frames"), 12);
        var aligned = Path.Combine(frames, "aligned");
        using var cts = new CancellationTokenSource();
        var progress = new SynchronousProgress(p => { if (p.Done >= 4) cts.Cancel(); });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => FaceExtraction.RunAsync(
            frames, aligned, DemoDestinationFixture.DefaultTools(), new FaceExtractionOptions { Workers = 1 }, progress: progress, ct: cts.Token));
        var afterStop = Directory.GetFiles(aligned, "*.jpg").Length;
        Assert.InRange(afterStop, 4, 11);

        var report = await FaceExtraction.RunAsync(frames, aligned, DemoDestinationFixture.DefaultTools(), new FaceExtractionOptions());

        Assert.Equal(12 - afterStop, report.Processed);
        Assert.Equal(12, Directory.GetFiles(aligned, "*.jpg").Length);
        Assert.Empty(Directory.GetFiles(aligned, "*.partial*"));
    }

    [Fact]
    public async Task ADeletedFaceStaysDeletedWhenTheRunIsRepeated()
    {
        using var temp = new TempFolder();
        var frames = CopyFrames(temp.Combine("frames"), 3);
        var aligned = Path.Combine(frames, "aligned");
        await FaceExtraction.RunAsync(frames, aligned, DemoDestinationFixture.DefaultTools(), new FaceExtractionOptions());
        File.Delete(Path.Combine(aligned, "00002_0.jpg")); // "leave that face alone" when merging

        var again = await FaceExtraction.RunAsync(frames, aligned, DemoDestinationFixture.DefaultTools(), new FaceExtractionOptions());

        Assert.Equal(0, again.Processed);
        Assert.False(File.Exists(Path.Combine(aligned, "00002_0.jpg")));
    }

    [Fact]
    public async Task ResumingWithAnotherFaceTypeIsRefused()
    {
        using var temp = new TempFolder();
        var frames = CopyFrames(temp.Combine("frames"), 2);
        var aligned = Path.Combine(frames, "aligned");
        await FaceExtraction.RunAsync(frames, aligned, DemoDestinationFixture.DefaultTools(), new FaceExtractionOptions());

        var error = await Assert.ThrowsAsync<FaceLabException>(() => FaceExtraction.RunAsync(
            frames, aligned, DemoDestinationFixture.DefaultTools(), new FaceExtractionOptions { FaceType = FaceType.WholeFace }));
        Assert.Contains("other options", error.Message);
    }

    [Fact]
    public async Task AFaceLyingOnItsSideIsFoundByTheRotatedRetryAndAlignedUpright()
    {
        using var temp = new TempFolder();
        var frames = Directory.CreateDirectory(temp.Combine("frames")).FullName;
        using (var frame = Cv2.ImRead(Path.Combine(demo.Frames, "00100.png")))
        using (var turned = new Mat())
        {
            Cv2.Rotate(frame, turned, RotateFlags.Rotate90Counterclockwise);
            Cv2.ImWrite(Path.Combine(frames, "00100.png"), turned);
        }

        var report = await FaceExtraction.RunAsync(frames, Path.Combine(frames, "aligned"), DemoDestinationFixture.DefaultTools(), new FaceExtractionOptions());

        Assert.Equal(1, report.FacesWritten);
        var upright = FaceImageFile.ReadMetadata(Path.Combine(demo.Aligned, "00100_0.jpg"));
        var turnedFace = FaceImageFile.ReadMetadata(Path.Combine(frames, "aligned", "00100_0.jpg"));
        var error = upright.Landmarks.Zip(turnedFace.Landmarks, (a, b) => Math.Sqrt((a.X - b.X) * (a.X - b.X) + (a.Y - b.Y) * (a.Y - b.Y))).Average();
        Assert.True(error < 256 * 0.03, $"aligned landmarks of the turned frame are {error:0.0} px from the upright ones");
    }

    [Fact]
    public async Task SeveralFacesGiveOneFileEachLargestFirst()
    {
        using var temp = new TempFolder();
        var frames = Directory.CreateDirectory(temp.Combine("frames")).FullName;
        using (var big = Cv2.ImRead(Path.Combine(demo.Frames, "00010.png")))
        using (var small = big.Resize(new Size(), 0.6, 0.6))
        using (var canvas = new Mat(big.Rows, big.Cols + small.Cols, MatType.CV_8UC3, Scalar.All(0)))
        {
            big.CopyTo(canvas[new Rect(0, 0, big.Cols, big.Rows)]);
            small.CopyTo(canvas[new Rect(big.Cols, 0, small.Cols, small.Rows)]);
            Cv2.ImWrite(Path.Combine(frames, "00001.png"), canvas);
        }

        await FaceExtraction.RunAsync(frames, Path.Combine(frames, "aligned"), DemoDestinationFixture.DefaultTools(), new FaceExtractionOptions());

        var first = FaceImageFile.ReadMetadata(Path.Combine(frames, "aligned", "00001_0.jpg"));
        var second = FaceImageFile.ReadMetadata(Path.Combine(frames, "aligned", "00001_1.jpg"));
        Assert.True(first.SourceRect[2] - first.SourceRect[0] > second.SourceRect[2] - second.SourceRect[0]);
        Assert.True(second.SourceRect[0] >= 400, "the smaller face is the one on the right");
    }

    [Fact]
    public async Task FixRerunsOnlyFramesWithoutFacesUsingHandPlacedBoxes()
    {
        using var temp = new TempFolder();
        var frames = CopyFrames(temp.Combine("frames"), 2);
        using (var blank = new Mat(300, 400, MatType.CV_8UC3, new Scalar(40, 90, 140)))
            Cv2.ImWrite(Path.Combine(frames, "00003.png"), blank);
        var aligned = Path.Combine(frames, "aligned");
        var first = await FaceExtraction.RunAsync(frames, aligned, DemoDestinationFixture.DefaultTools(), new FaceExtractionOptions());
        Assert.Equal(["00003.png"], first.FramesWithoutFaces);

        // The face of frame 00001 placed by hand onto the blank frame 00003.
        var known = FaceImageFile.ReadMetadata(Path.Combine(aligned, "00001_0.jpg"));
        using (var source = Cv2.ImRead(Path.Combine(frames, "00001.png"))) Cv2.ImWrite(Path.Combine(frames, "00003.png"), source);
        var boxes = temp.Combine("boxes.json");
        File.WriteAllText(boxes, $"{{\"00003.png\": [[{known.SourceRect[0]}, {known.SourceRect[1]}, {known.SourceRect[2]}, {known.SourceRect[3]}]]}}");

        var fix = await FaceExtraction.RunAsync(frames, aligned, DemoDestinationFixture.DefaultTools(), new FaceExtractionOptions(),
            FaceExtractionScope.FramesWithoutFaces, ManualFaceBoxes.Load(boxes));

        Assert.Equal(1, fix.Processed);
        Assert.Empty(fix.FramesWithoutFaces);
        var fixedFace = FaceImageFile.ReadMetadata(Path.Combine(aligned, "00003_0.jpg"));
        Assert.Equal(known.SourceRect, fixedFace.SourceRect);
    }

    [Fact]
    public async Task DebugImagesShowEachFrame()
    {
        using var temp = new TempFolder();
        var frames = CopyFrames(temp.Combine("data_dst"), 2);
        await FaceExtraction.RunAsync(frames, Path.Combine(frames, "aligned"), DemoDestinationFixture.DefaultTools(), new FaceExtractionOptions { Debug = true });

        var debug = Directory.GetFiles(Path.Combine(frames, "aligned_debug")).Select(f => Path.GetFileName(f)).Order().ToArray();
        Assert.Equal(["00001.jpg", "00002.jpg"], debug);
        using var image = Cv2.ImRead(Path.Combine(frames, "aligned_debug", "00001.jpg"));
        using var frame = Cv2.ImRead(Path.Combine(frames, "00001.png"));
        Assert.Equal(frame.Size(), image.Size());
        Assert.True(Cv2.Norm(image, frame, NormTypes.L1) > 0, "the debug frame has drawings on it");
    }

    [Fact]
    public async Task FaceFreeImagesGiveNoFaces()
    {
        using var temp = new TempFolder();
        var frames = Directory.CreateDirectory(temp.Combine("frames")).FullName;
        foreach (var name in FaceFreeImages.Names)
        {
            var source = FaceFreeImages.PathOf(name);
            File.Copy(source, Path.Combine(frames, Path.GetFileName(source)));
        }

        var report = await FaceExtraction.RunAsync(frames, Path.Combine(frames, "aligned"), DemoDestinationFixture.DefaultTools(), new FaceExtractionOptions());

        Assert.Equal(7, report.Frames);
        Assert.Equal(0, report.FacesWritten);
        Assert.Equal(7, report.FramesWithoutFaces.Count);
    }

    [Fact]
    public async Task TearsOfSteelRunsThroughAndFindsTheThreeQuarterFace()
    {
        using var temp = new TempFolder();
        var frames = temp.Combine("frames");
        await FrameExtractor.ExtractAsync(TestPaths.SharedVideo("tears-of-steel_ccby_640x360_24fps_10s.mp4"), frames, new FrameExtractionOptions { Fps = 6, Format = FrameImageFormat.Jpg });

        var report = await FaceExtraction.RunAsync(frames, Path.Combine(frames, "aligned"), DemoDestinationFixture.DefaultTools(), new FaceExtractionOptions());

        Assert.Equal(60, report.Frames);
        Assert.InRange(report.FacesWritten, 10, 60); // the face is on screen for about 4 of the 10 seconds
        Assert.NotEmpty(report.FramesWithoutFaces); // shots without faces exist
    }

    private string CopyFrames(string folder, int count)
    {
        Directory.CreateDirectory(folder);
        foreach (var file in Directory.GetFiles(demo.Frames, "*.png").Order(StringComparer.Ordinal).Take(count))
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        return folder;
    }

    private static Point2d Mean(IEnumerable<Point2d> points)
    {
        var list = points.ToList();
        return new Point2d(list.Average(p => p.X), list.Average(p => p.Y));
    }
}
