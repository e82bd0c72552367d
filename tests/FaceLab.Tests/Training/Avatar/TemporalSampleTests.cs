using FaceLab.Faces.Files;
using FaceLab.FaceSets;
using FaceLab.Imaging;
using FaceLab.Tests.Support;
using FaceLab.Tests.Training.Samples;
using FaceLab.Training.Samples;
using OpenCvSharp;

namespace FaceLab.Tests.Training.Avatar;

/// <summary>
/// Temporal samples (three frames per input): the neighbours are the faces of the previous and next
/// source frames, the face itself at a clip edge or gap; all three frames share the sample's transform,
/// warp and colour jitter. On the annotated real faces, renamed as frames of two clips.
/// </summary>
public sealed class TemporalSampleTests(AlignedFaceSetFixture fixture) : IClassFixture<AlignedFaceSetFixture>, IDisposable
{
    private readonly TempFolder _temp = new();

    // Face i of the fixture becomes a face of this frame (two faces share clip v's frame 20; w is another clip).
    private static readonly string[] Frames =
        ["v_000010.png", "v_000011.png", "v_000012.png", "v_000013.png", "v_000015.png", "w_000016.png", "v_000020.png", "v_000020.png", "v_000021.png"];

    private string Renamed(Func<int, int> content)
    {
        var folder = _temp.Combine("faces-" + Guid.NewGuid().ToString("N")[..6]);
        Directory.CreateDirectory(folder);
        var files = Directory.GetFiles(fixture.Folder, "0*.jpg").Order(StringComparer.Ordinal).ToArray();
        for (var i = 0; i < Frames.Length; i++)
        {
            var (image, metadata) = FaceImageFile.Read(files[content(i)]);
            using (image)
            {
                // Faces 6 and 7 share a frame: far-apart boxes; face 8's box is next to face 7's.
                double[] box = i switch { 6 => [0, 0, 10, 10], 7 or 8 => [500, 500, 510, 510], _ => metadata.SourceRect };
                FaceImageFile.Write(Path.Combine(folder, $"{i:D5}_0.jpg"), image, metadata with { SourceFilename = Frames[i], SourceRect = box });
            }
        }
        return folder;
    }

    [Fact]
    public void Neighbours_are_the_previous_and_next_source_frames_and_the_face_itself_at_edges_and_gaps()
    {
        var neighbours = FaceNeighbours.Of(FolderFaceSet.Open(Renamed(i => i)));
        int[][] expected =
        [
            [0, 0, 1], [0, 1, 2], [1, 2, 3], [2, 3, 3], // clip start, middle, before the gap at frame 14
            [4, 4, 4], // frame 15: 14 and 16 have no face of clip v
            [5, 5, 5], // clip w has one frame
            [6, 6, 8], [7, 7, 8], // two faces in frame 20: frame 21 has one face, the nearest to either
            [7, 8, 8], // its previous is the nearer face of frame 20
        ];
        Assert.Equal(expected, Enumerable.Range(0, Frames.Length).Select(neighbours.Frames).ToArray());
        Assert.Equal(("v_", 12L), FaceNeighbours.FrameNumber("v_000012.png"));
        Assert.Equal(("frame", (long?)null), FaceNeighbours.FrameNumber("frame.png"));
    }

    [Fact]
    public void The_three_frames_are_the_neighbour_faces_under_the_samples_one_transform()
    {
        var options = new SampleOptions { Resolution = 64, RandomWarp = false, TemporalFrames = 3 };
        using var faces = new FaceCropCache(FolderFaceSet.Open(Renamed(i => i)), options);
        var batch = new SampleBatchFactory(faces, options, batchSize: 1, seed: 4, new SampleTestSupport.FixedChooser(1, flip: true)).Build(0);
        Assert.Equal([1L, 9, 64, 64], batch.InputShape);
        var sample = batch.Samples[0];
        // The sample's transform, from the current face's crop: the same for every frame (the crops share a margin).
        var cropToSample = sample.FaceToSample.After(faces.Get(1).FaceToCrop.Inverse());
        Assert.True(Math.Abs(cropToSample.M00 + 1) > 1e-3 || Math.Abs(cropToSample.M01) > 1e-3, "the transform is not the identity");
        using var target = SampleTestSupport.Target(batch, 0);
        for (var k = 0; k < 3; k++)
        {
            using var input = SampleTestSupport.Image(batch.Inputs, k, 3, 64);
            using var colours = Pixels.BytesToFloat01(faces.Get(k).Image); // faces 0, 1, 2 are frames 10, 11, 12
            using var expected = new Mat();
            using (var matrix = cropToSample.ToMat())
                Cv2.WarpAffine(colours, expected, matrix, new Size(64, 64), InterpolationFlags.Cubic, BorderTypes.Replicate);
            Cv2.Min(expected, 1.0, expected);
            Cv2.Max(expected, 0.0, expected);
            Assert.True(Cv2.Norm(input, expected, NormTypes.INF) < 1e-6, $"frame {k}: {Cv2.Norm(input, expected, NormTypes.INF)}");
            if (k == 1) Assert.Equal(0, Cv2.Norm(input, target, NormTypes.INF));
            else Assert.True(Cv2.Norm(input, target, NormTypes.L1) / (64 * 64 * 3) > 0.02, $"frame {k} shows another face");
        }
    }

    [Fact]
    public void Warp_jitter_and_flip_are_shared_so_identical_neighbours_give_identical_frames_at_the_input_size()
    {
        // Every frame of clip v shows the same picture: any difference between the three inputs would be augmentation noise.
        var options = new SampleOptions { Resolution = 128, InputResolution = 32, TemporalFrames = 3, RandomHsvPower = 0.2 };
        using var same = new FaceCropCache(FolderFaceSet.Open(Renamed(_ => 2)), options);
        var batch = new SampleBatchFactory(same, options, batchSize: 4, seed: 9).Build(3);
        Assert.Equal([4L, 9, 32, 32], batch.InputShape);
        Assert.Equal(128, batch.Resolution);
        for (var n = 0; n < 4; n++)
        {
            using var previous = SampleTestSupport.Image(batch.Inputs, n * 3, 3, 32);
            using var current = SampleTestSupport.Image(batch.Inputs, n * 3 + 1, 3, 32);
            using var next = SampleTestSupport.Image(batch.Inputs, n * 3 + 2, 3, 32);
            Assert.Equal(0, Cv2.Norm(previous, current, NormTypes.INF));
            Assert.Equal(0, Cv2.Norm(next, current, NormTypes.INF));
            // The input is the warped, jittered current face shrunk to 32 px: near the target shrunk alike, not equal.
            using var target = SampleTestSupport.Target(batch, n);
            using var small = target.Resize(new Size(32, 32), 0, 0, InterpolationFlags.Area);
            var difference = Cv2.Norm(current, small, NormTypes.L1) / (32 * 32 * 3);
            Assert.InRange(difference, 1e-3, 0.2);
        }
    }

    public void Dispose() => _temp.Dispose();
}
