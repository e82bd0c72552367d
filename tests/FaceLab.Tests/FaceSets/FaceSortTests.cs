using FaceLab.Faces.Alignment;
using FaceLab.Faces.Files;
using FaceLab.FaceSets;
using FaceLab.FaceSets.Features;
using FaceLab.FaceSets.Sorting;
using FaceLab.Tests.Support;
using OpenCvSharp;

namespace FaceLab.Tests.FaceSets;

/// <summary>Every sort method on real faces extracted from the two demo videos (issue 4's "must show").</summary>
[Collection(FaceSetCollection.Name)]
public sealed class FaceSortTests(FaceSetFixture data)
{
    private static readonly FaceSortOptions Defaults = new();

    [Fact]
    public void BlurPutsBlurredCopiesAfterTheirSharpOriginals()
    {
        using var temp = new TempFolder();
        var dir = temp.Combine("aligned");
        var originals = FaceSetFixture.CopyFaces(dir, data.Destination).Take(20).ToArray();
        var pairs = originals.Select(o => (Original: FaceSetFixture.Hash(o), Copy: FaceSetFixture.Hash(WriteFiltered(o, "blurred", img => img.GaussianBlur(new Size(0, 0), 2.5))))).ToList();

        FaceSetSorter.Sort(dir, "blur", Defaults);

        var order = FaceSetFixture.HashesInOrder(dir);
        Assert.All(pairs, p => Assert.True(order.IndexOf(p.Original) < order.IndexOf(p.Copy), "a blurred copy came before its original"));
    }

    [Fact]
    public void MotionBlurPutsMotionBlurredCopiesAfterTheirOriginals()
    {
        using var temp = new TempFolder();
        var dir = temp.Combine("aligned");
        var originals = FaceSetFixture.CopyFaces(dir, data.Destination).Take(20).ToArray();
        using var kernel = new Mat(1, 9, MatType.CV_32F, Scalar.All(1.0 / 9));
        var pairs = originals.Select(o => (Original: FaceSetFixture.Hash(o), Copy: FaceSetFixture.Hash(WriteFiltered(o, "smeared", img => img.Filter2D(-1, kernel))))).ToList();

        FaceSetSorter.Sort(dir, "motion-blur", Defaults);

        var order = FaceSetFixture.HashesInOrder(dir);
        Assert.All(pairs, p => Assert.True(order.IndexOf(p.Original) < order.IndexOf(p.Copy), "a smeared copy came before its original"));
    }

    [Fact]
    public void OrignameRestoresFrameOrderAfterOtherSorts()
    {
        using var temp = new TempFolder();
        var dir = temp.Combine("aligned");
        FaceSetFixture.CopyFaces(dir, data.Destination, data.Multi);
        var original = FaceSetFixture.HashesInOrder(dir); // extraction names: frame order, largest face first

        var unchanged = new List<string>();
        foreach (var method in FaceSortMethods.Names.Where(m => m != "origname"))
        {
            var report = FaceSetSorter.Sort(dir, method, Defaults with { Count = method == "best" ? 20 : null });
            if (original.SequenceEqual(FaceSetFixture.HashesInOrder(dir))) unchanged.Add(method);
            if (report.Trashed > 0) FaceSetTrash.Restore(dir);
            FaceSetSorter.Sort(dir, "origname", Defaults);
            Assert.Equal(original, FaceSetFixture.HashesInOrder(dir));
        }
        Assert.Equal("00000.jpg", Path.GetFileName(FaceSetFolder.ListFaces(dir)[0]));
        // oneface keeps frame order by design, and these faces have no black pixels, so black's ties keep
        // the current order; every other method must really have reordered the set.
        Assert.True(unchanged.All(m => m is "oneface" or "black"), "left the order as it was: " + string.Join(", ", unchanged));
    }

    [Fact]
    public void HistGroupsTheTwoIdentitiesIntoTwoRuns()
    {
        using var temp = new TempFolder();
        var dir = temp.Combine("aligned");
        var identity = new Dictionary<string, char>();
        foreach (var f in FaceSetFixture.CopyFaces(dir, data.Destination)) identity[FaceSetFixture.Hash(f)] = 'd';
        foreach (var f in FaceSetFixture.CopyFaces(dir, data.Source)) identity[FaceSetFixture.Hash(f)] = 's';
        Shuffle(dir);

        FaceSetSorter.Sort(dir, "hist", Defaults);

        var labels = new string(FaceSetFixture.HashesInOrder(dir).Select(h => identity[h]).ToArray());
        var runs = 1 + Enumerable.Range(1, labels.Length - 1).Count(i => labels[i] != labels[i - 1]);
        Assert.True(runs == 2, $"expected two runs, got {runs}: {labels}");
    }

    [Fact]
    public void FaceYawOrdersMirroredCopiesOppositeToTheirOriginals()
    {
        using var temp = new TempFolder();
        var dir = temp.Combine("aligned");
        var originals = FaceSetFixture.CopyFaces(dir, data.Destination, data.Source);
        var pairs = new List<(string Original, string Mirror, double Yaw)>();
        foreach (var o in originals)
        {
            var (image, metadata) = FaceImageFile.Read(o);
            using (image)
            {
                var yaw = HeadPose.Estimate(metadata.Landmarks, image.Size()).YawDegrees;
                pairs.Add((FaceSetFixture.Hash(o), FaceSetFixture.Hash(WriteMirror(o, image, metadata)), yaw));
            }
        }

        FaceSetSorter.Sort(dir, "face-yaw", Defaults);

        var order = FaceSetFixture.HashesInOrder(dir);
        var middle = (order.Count - 1) / 2.0;
        var turned = pairs.Where(p => Math.Abs(p.Yaw) >= 3).ToList();
        Assert.True(turned.Count >= 10, $"only {turned.Count} faces turned by 3° or more");
        foreach (var (original, mirror, yaw) in turned)
        {
            var (a, b) = (order.IndexOf(original), order.IndexOf(mirror));
            Assert.True((a - middle) * (b - middle) < 0, $"yaw {yaw:0.0}°: original at {a} and mirror at {b} are on the same side of {middle}");
            Assert.True(yaw > 0 ? a < b : a > b, $"yaw {yaw:0.0}°: original at {a}, mirror at {b}");
        }
    }

    [Fact]
    public void OnefaceMovesExactlyTheFacesOfMultiFaceFrames()
    {
        using var temp = new TempFolder();
        var dir = temp.Combine("aligned");
        var copies = FaceSetFixture.CopyFaces(dir, data.Destination, data.Multi);
        var stems = copies.Select(c => Path.GetFileNameWithoutExtension(c)).ToList();
        var multiFrames = stems.Where(s => s.EndsWith("_1", StringComparison.Ordinal)).Select(s => s[..^2]).ToHashSet();
        var expected = copies.Where(c => multiFrames.Contains(Path.GetFileNameWithoutExtension(c)[..^2])).Select(FaceSetFixture.Hash).Order().ToList();
        Assert.True(multiFrames.Count(f => f.StartsWith('m')) >= 2, "the side-by-side frames should give two faces each");
        var all = FaceSetFixture.HashesInOrder(dir).Order().ToList();

        var report = FaceSetSorter.Sort(dir, "oneface", Defaults);

        var trash = FaceSetFolder.TrashOf(dir);
        Assert.Equal(expected, FaceSetFixture.HashesInOrder(trash).Order().ToList());
        Assert.Equal(expected.Count, report.Trashed);
        Assert.Equal(all.Count - expected.Count, FaceSetFolder.ListFaces(dir).Count);

        var restored = FaceSetTrash.Restore(dir);
        Assert.Equal(expected.Count, restored.Restored);
        Assert.False(Directory.Exists(trash));
        Assert.Equal(all, FaceSetFixture.HashesInOrder(dir).Order().ToList());
    }

    [Fact]
    public void BestKeepsCountFacesSpreadOverYawAndRestoreBringsAllBack()
    {
        using var temp = new TempFolder();
        var dir = temp.Combine("aligned");
        FaceSetFixture.CopyFaces(dir, data.Destination, data.Source);
        var all = FaceSetFixture.HashesInOrder(dir).Order().ToList();
        var yawOf = FaceSetScanner.Scan(dir, 2).Faces.ToDictionary(f => f.ContentHash.ToString("x32"), f => f.Features.YawDegrees);

        var report = FaceSetSorter.Sort(dir, "best", Defaults with { Count = 30 });

        var kept = FaceSetFixture.HashesInOrder(dir);
        Assert.Equal(30, kept.Count);
        Assert.Equal(30, report.Kept);
        Assert.Equal(all.Count - 30, FaceSetFixture.HashesInOrder(FaceSetFolder.TrashOf(dir)).Count);
        var range = yawOf.Values.Max() - yawOf.Values.Min();
        var keptRange = kept.Max(h => yawOf[h]) - kept.Min(h => yawOf[h]);
        Assert.True(keptRange >= 0.7 * range, $"kept yaw range {keptRange:0.0}° of {range:0.0}°");
        Assert.Equal(kept, kept.OrderByDescending(h => yawOf[h]).ToList());

        FaceSetTrash.Restore(dir);
        Assert.Equal(all, FaceSetFixture.HashesInOrder(dir).Order().ToList());
        Assert.False(Directory.Exists(FaceSetFolder.TrashOf(dir)));
    }

    [Fact]
    public void TrashBelowMovesFacesUnderTheThresholdAndCountKeepsTheFirst()
    {
        using var temp = new TempFolder();
        var dir = temp.Combine("aligned");
        FaceSetFixture.CopyFaces(dir, data.Destination);
        var sharpness = FaceSetScanner.Scan(dir, 2).Faces.Select(f => (double)f.Features.Sharpness).Order().ToList();
        var threshold = sharpness[sharpness.Count / 3];

        var report = FaceSetSorter.Sort(dir, "blur", Defaults with { TrashBelow = threshold });
        Assert.Equal(sharpness.Count(s => s < threshold), report.Trashed);

        // The report carries every face's value under its name after the sort: the studio shows them.
        Assert.Equal(sharpness.Count, report.Values.Count);
        var kept = report.Values.Where(v => !v.Trashed).ToList();
        Assert.Equal(FaceSetFolder.ListFaces(dir).Select(Path.GetFileName), kept.Select(v => v.Name));
        Assert.Equal(kept.Select(v => v.Value).OrderDescending(), kept.Select(v => v.Value));
        Assert.All(report.Values.Where(v => v.Trashed), v => Assert.True(v.Value < threshold && File.Exists(Path.Combine(FaceSetFolder.TrashOf(dir), v.Name))));
        Assert.Empty(FaceSetSorter.Sort(dir, "hist", Defaults).Values);

        FaceSetTrash.Restore(dir);
        var top = FaceSetSorter.Sort(dir, "hist-dissim", Defaults with { Count = 10 });
        Assert.Equal(10, top.Kept);
        Assert.Equal(10, FaceSetFolder.ListFaces(dir).Count);

        var error = Assert.Throws<FaceLab.Common.FaceLabException>(() => FaceSetSorter.Sort(dir, "hist", Defaults with { TrashBelow = 1 }));
        Assert.Contains("no per-face value", error.Message);
    }

    [Fact]
    public void RestoreRenamesInsteadOfOverwriting()
    {
        using var temp = new TempFolder();
        var dir = temp.Combine("aligned");
        FaceSetFixture.CopyFaces(dir, data.Destination);
        var all = FaceSetFixture.HashesInOrder(dir).Order().ToList();
        FaceSetSorter.Sort(dir, "blur", Defaults with { Count = 20 });
        var trash = FaceSetFolder.TrashOf(dir);
        // A trashed face whose name is taken in the set: give one the name of a kept face.
        var victim = Directory.GetFiles(trash).Order(StringComparer.Ordinal).First();
        File.Move(victim, Path.Combine(trash, "00000.jpg"));

        var report = FaceSetTrash.Restore(dir);

        Assert.Contains(report.Renamed, r => r.From == "00000.jpg" && r.To == "00000_1.jpg");
        Assert.Equal(all, FaceSetFixture.HashesInOrder(dir).Order().ToList());
    }

    [Fact]
    public void FacesWithoutMetadataAreReportedAndLeftInPlace()
    {
        using var temp = new TempFolder();
        var dir = temp.Combine("aligned");
        var faces = FaceSetFixture.CopyFaces(dir, data.Destination);
        using (var plain = Cv2.ImRead(faces[0]))
        {
            Cv2.ImWrite(Path.Combine(dir, "from-another-tool.jpg"), plain);
            Cv2.ImWrite(Path.Combine(dir, "00002.png"), plain); // holds a name the sort would give
        }
        File.WriteAllBytes(Path.Combine(dir, "broken.jpg"), [0xFF, 0xD8, 0xFF, 0xEF, 0x00]);
        var before = new[] { "from-another-tool.jpg", "00002.png", "broken.jpg" }.ToDictionary(n => n, n => FaceSetFixture.Hash(Path.Combine(dir, n)));

        var report = FaceSetSorter.Sort(dir, "blur", Defaults);

        Assert.Equal(before.Keys.Order(), report.Skipped.Select(s => s.Name).Order());
        Assert.All(before, kv => Assert.Equal(kv.Value, FaceSetFixture.Hash(Path.Combine(dir, kv.Key))));
        Assert.Equal(faces.Length, report.Kept);
        Assert.False(File.Exists(Path.Combine(dir, "00002.jpg")));
        Assert.True(File.Exists(Path.Combine(dir, "00003.jpg")));
    }

    [Fact]
    public void SecondSortByAnotherMethodTakesFeaturesFromTheCache()
    {
        using var temp = new TempFolder();
        var dir = temp.Combine("aligned");
        var faces = FaceSetFixture.CopyFaces(dir, data.Destination);

        var first = FaceSetSorter.Sort(dir, "blur", Defaults);
        var second = FaceSetSorter.Sort(dir, "hist", Defaults);

        Assert.Equal(faces.Length, first.FeaturesComputed);
        Assert.Equal(0, second.FeaturesComputed);
        Assert.Equal(faces.Length, second.FeaturesFromCache);
        Assert.True(File.Exists(FaceFeatureCache.PathIn(dir)));
    }

    [Fact]
    public void AStoppedMeasurementKeepsWhatItMeasured()
    {
        using var temp = new TempFolder();
        var dir = temp.Combine("aligned");
        var faces = FaceSetFixture.CopyFaces(dir, data.Destination);
        using var cts = new CancellationTokenSource();
        var progress = new SynchronousProgress(p => { if (p.Done >= 10) cts.Cancel(); });

        Assert.ThrowsAny<OperationCanceledException>(() => FaceSetSorter.Sort(dir, "blur", Defaults, progress, cts.Token));
        var report = FaceSetSorter.Sort(dir, "blur", Defaults);

        Assert.InRange(report.FeaturesFromCache, 10, faces.Length - 1);
        Assert.Equal(faces.Length, report.FeaturesComputed + report.FeaturesFromCache);
    }

    public static TheoryData<string> Methods => [.. FaceSortMethods.Names];

    [Theory]
    [MemberData(nameof(Methods))]
    public void EveryMethodKeepsEveryFaceSomewhere(string method)
    {
        using var temp = new TempFolder();
        var dir = temp.Combine("aligned");
        FaceSetFixture.CopyFaces(dir, data.Destination, data.Multi);
        var all = FaceSetFixture.HashesInOrder(dir).Order().ToList();

        var report = FaceSetSorter.Sort(dir, method, Defaults with { Count = method == "best" ? 25 : null });

        var kept = FaceSetFolder.ListFaces(dir).Select(Path.GetFileName).ToList();
        Assert.Equal(Enumerable.Range(0, kept.Count).Select(i => $"{i:D5}.jpg"), kept);
        Assert.Equal(report.Kept, kept.Count);
        var everywhere = FaceSetFixture.HashesInOrder(dir).Concat(FaceSetFixture.HashesInOrder(FaceSetFolder.TrashOf(dir))).Order().ToList();
        Assert.Equal(all, everywhere);
        Assert.False(File.Exists(Path.Combine(dir, FaceLab.FaceSets.Renaming.FaceSetRenamer.JournalFileName)));
    }

    private static string WriteFiltered(string original, string suffix, Func<Mat, Mat> filter)
    {
        var (image, metadata) = FaceImageFile.Read(original);
        using (image)
        using (var filtered = filter(image))
        {
            var path = Path.Combine(Path.GetDirectoryName(original)!, Path.GetFileNameWithoutExtension(original) + "_" + suffix + ".jpg");
            FaceImageFile.Write(path, filtered, metadata);
            return path;
        }
    }

    /// <summary>The face flipped left-right with its landmarks mirrored (iBUG permutation, x reflected).</summary>
    private static string WriteMirror(string original, Mat image, FaceMetadata metadata)
    {
        using var flipped = image.Flip(FlipMode.Y);
        var w = image.Width - 1;
        var mirror = LandmarkGroups.Mirror;
        var landmarks = Enumerable.Range(0, 68).Select(i => new Point2d(w - metadata.Landmarks[mirror[i]].X, metadata.Landmarks[mirror[i]].Y)).ToArray();
        var path = Path.Combine(Path.GetDirectoryName(original)!, Path.GetFileNameWithoutExtension(original) + "_mirror.jpg");
        FaceImageFile.Write(path, flipped, metadata with { Landmarks = landmarks });
        return path;
    }

    /// <summary>Gives the faces random names so list order says nothing about identity.</summary>
    private static void Shuffle(string dir)
    {
        var random = new Random(4);
        foreach (var f in FaceSetFolder.ListFaces(dir))
            File.Move(f, Path.Combine(dir, $"x{random.Next():x8}{Guid.NewGuid():N}.jpg"));
    }
}
