using System.Globalization;
using FaceLab.Faces.Extraction;
using FaceLab.Media;
using FaceLab.Merging;
using FaceLab.Provenance;
using FaceLab.Tests.Faces.Extraction;
using FaceLab.Tests.Support;
using FaceLab.Tests.Training;
using FaceLab.Tests.Training.Sessions;
using FaceLab.Training.Inference;
using FaceLab.Training.Models;
using FaceLab.Training.Sessions;
using OpenCvSharp;
using Xunit.Abstractions;

namespace FaceLab.Tests.Merging;

/// <summary>
/// A real swap end to end: a dst clip of the demo (with a real audio track muxed in, since the demo
/// dst has none), its faces, a tiny model trained briefly on the two demo people, the merge, the
/// assembled video; and a merge killed halfway then resumed.
/// </summary>
public sealed class MergeWorkspaceFixture : IDisposable
{
    private readonly TempFolder _temp = new();

    public MergeWorkspaceFixture()
    {
        Root = _temp.Path;
        Video = Path.Combine(Root, "data_dst.mp4");
        MediaOracle.Run("ffmpeg", "-v", "error", "-i", TestPaths.DemoDestinationVideo, "-i", TestPaths.VideoWithAudio, "-t", "2",
            "-map", "0:v", "-map", "1:a", "-c:v", "libx264", "-pix_fmt", "yuv420p", "-c:a", "aac", Video);
        FrameExtractor.ExtractAsync(Video, Frames, new FrameExtractionOptions()).GetAwaiter().GetResult();
        FaceExtraction.RunAsync(Frames, Aligned, DemoDestinationFixture.DefaultTools(), new FaceExtractionOptions { Size = 128 }).GetAwaiter().GetResult();
    }

    public string Root { get; }

    public string Video { get; }

    public string Frames => Path.Combine(Root, "data_dst");

    public string Aligned => Path.Combine(Frames, "aligned");

    public string Models => Path.Combine(Root, "model");

    public void Dispose() => _temp.Dispose();
}

public class MergeEndToEndTests(MergeWorkspaceFixture workspace, DemoFaceSetsFixture faces, ITestOutputHelper output)
    : IClassFixture<MergeWorkspaceFixture>, IClassFixture<DemoFaceSetsFixture>
{
    private string TrainedModelFolder()
    {
        lock (workspace)
        {
            var folder = Path.Combine(workspace.Models, "e2e_DF");
            if (File.Exists(Path.Combine(folder, ModelSpec.FileName))) return folder;
            var df = ModelRegistry.Get("DF");
            using var session = TrainingSession.Open(workspace.Models, df, "e2e", df.Preset(ModelPresets.Tiny),
                faces.SourceSet, FaceLab.FaceSets.FolderFaceSet.Open(workspace.Aligned), TinyModels.ShortRun(6, seed: 4));
            session.Run(TextWriter.Null, CancellationToken.None);
            return session.Folder;
        }
    }

    private MergeRequest Request(string output, MergeSession session, FrameRange? range = null) => new()
    {
        Frames = workspace.Frames,
        Aligned = workspace.Aligned,
        Output = Path.Combine(output, "merged"),
        MaskOutput = Path.Combine(output, "merged_mask"),
        Session = session,
        Range = range ?? FrameRange.All,
        Workers = 2,
    };

    [Fact]
    public async Task Merges_every_frame_and_assembles_a_marked_video_with_the_dst_audio()
    {
        using var model = TrainedModel.Open(TrainedModelFolder());
        using var output = new TempFolder();
        var session = MergeSession.New(MergeOptions.Default);
        var report = await FrameMergeRun.RunAsync(new ModelFacePredictor(model), "e2e", Request(output.Path, session));

        var frames = FrameSequence.In(workspace.Frames).Files;
        Assert.Equal(frames.Count, report.Frames);
        Assert.Equal(frames.Count, report.FacesReplaced); // one face in every demo frame
        var merged = FrameSequence.In(output.Combine("merged")).Files;
        Assert.Equal(frames.Select(Path.GetFileName), merged.Select(Path.GetFileName));

        // Outside the blend mask (grown by 2 px) the frames are untouched; inside, the face changed.
        var changedInside = 0.0;
        for (var i = 0; i < frames.Count; i++)
        {
            using var original = Cv2.ImRead(frames[i]);
            using var result = Cv2.ImRead(merged[i]);
            using var mask = Cv2.ImRead(output.Combine("merged_mask", Path.GetFileName(frames[i])), ImreadModes.Grayscale);
            using var grown = mask.Dilate(Cv2.GetStructuringElement(MorphShapes.Ellipse, new Size(5, 5)));
            using var outside = new Mat();
            Cv2.BitwiseNot(grown, outside);
            using var difference = new Mat();
            Cv2.Absdiff(original, result, difference);
            var channels = difference.Split();
            using var worst = new Mat();
            Cv2.Max(channels[0], channels[1], worst);
            Cv2.Max(worst, channels[2], worst);
            foreach (var channel in channels) channel.Dispose();
            Cv2.MinMaxLoc(worst, out _, out double maxOutside, out _, out _, outside);
            Assert.True(maxOutside <= 1, $"{Path.GetFileName(frames[i])}: outside the face changed by {maxOutside}");
            changedInside += Cv2.Mean(difference, grown).Val0;
            Assert.NotNull(ProvenanceStamp.Read(File.ReadAllBytes(merged[i]), merged[i]));
        }
        Assert.True(changedInside / frames.Count > 5, "the faces were replaced");

        var video = output.Combine("result.mp4");
        await VideoAssembler.AssembleAsync(output.Combine("merged"), video, new VideoAssemblyOptions { Reference = workspace.Video });
        var probe = MediaOracle.Probe(video);
        var reference = MediaOracle.Probe(workspace.Video);
        Assert.Equal(MediaOracle.DecodedFrames(reference), MediaOracle.DecodedFrames(probe));
        Assert.Equal(MediaOracle.FrameRate(reference), MediaOracle.FrameRate(probe), 3);
        Assert.Single(MediaOracle.Streams(probe, "audio"));
        Assert.Equal(MediaOracle.AudioSeconds(workspace.Video), MediaOracle.AudioSeconds(video), 1);
        Assert.Contains("Synthetic media", MediaOracle.FormatTag(probe, "comment"));
        Assert.NotNull(await ProvenanceReader.ReadAsync(video));
    }

    [Fact]
    public async Task A_range_merges_only_its_frames()
    {
        using var model = TrainedModel.Open(TrainedModelFolder());
        using var output = new TempFolder();
        var report = await FrameMergeRun.RunAsync(new ModelFacePredictor(model), "e2e",
            Request(output.Path, MergeSession.New(MergeOptions.Default with { Mode = MergeMode.Overlay }), FrameRange.Parse("5-9")));
        Assert.Equal(5, report.Merged);
        Assert.Equal(["00005.png", "00006.png", "00007.png", "00008.png", "00009.png"],
            Directory.GetFiles(output.Combine("merged"), "*.png").Select(f => Path.GetFileName(f)!).Order().ToArray());
    }

    /// <summary>
    /// kill -9 of <c>facelab merge</c> at random moments and inside the write of a frame (its temporary
    /// file seen before and after the kill, the rename held by the pause): every merged frame and mask
    /// under a final name is the uninterrupted merge's byte for byte, and the rerun keeps them and ends
    /// with the uninterrupted merge's bytes, no temporary file left.
    /// </summary>
    [Fact]
    public async Task Merges_killed_at_any_moment_resume_to_the_same_bytes()
    {
        // The first 16 frames: enough for kills between and inside frames, quick enough for the suite.
        const int Frames = 16;
        const string Range = "1-16";
        var modelFolder = TrainedModelFolder();
        // The uninterrupted reference, in-process, with the settings the CLI saves.
        using var reference = new TempFolder();
        var settings = MergeSession.New(MergeOptions.Default);
        settings.Save(modelFolder);
        using (var model = TrainedModel.Open(modelFolder))
            await FrameMergeRun.RunAsync(new ModelFacePredictor(model), $"e2e_DF#{model.Iteration}", Request(reference.Path, settings, FrameRange.Parse(Range)));
        var referenceFrames = FileHashes.Of(reference.Combine("merged"));
        var referenceMasks = FileHashes.Of(reference.Combine("merged_mask"));
        Assert.Equal(Frames, referenceFrames.Count);

        var merged = Path.Combine(workspace.Frames, "merged");
        var masks = Path.Combine(workspace.Frames, "merged_mask");
        void Restart()
        {
            foreach (var folder in new[] { merged, masks })
                if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
        Restart();
        string[] Merge() => ["merge", "--workspace", workspace.Root, "--model", "e2e", "--workers", "1", "--frames", Range];
        var timer = System.Diagnostics.Stopwatch.StartNew();
        var uninterrupted = CliProcess.Run(workspace.Root, Merge());
        Assert.True(uninterrupted.ExitCode == 0, uninterrupted.Stderr);
        var runTime = timer.Elapsed;
        Assert.Equal(referenceFrames, FileHashes.Of(merged));

        var campaign = new KillCampaign(output);
        var pause = new Dictionary<string, string> { ["FACELAB_FAULT_PAUSE_BEFORE_RENAME_MS"] = "500" };
        var plan = new KillPlan(workspace.Root, Merge(), runTime, pause, context =>
        {
            FileHashes.RequireSubsetOf(referenceFrames, merged, context);
            FileHashes.RequireSubsetOf(referenceMasks, masks, context);
        })
        {
            BeforeRun = () =>
            {
                if (Count(merged) == Frames) Restart(); // nothing left to merge
            },
        };
        await campaign.RunAsync(plan, KillCampaign.KillsPerMoment(3), seed: 15, random =>
        {
            var stale = FileHashes.Temporaries(merged).ToHashSet();
            var wanted = random.Next(0, Frames / 2);
            return new WriteMoment(() => FileHashes.Temporaries(merged).FirstOrDefault(t => t.Contains(".png.", StringComparison.Ordinal) && !stale.Contains(t)),
                _ => Count(merged) >= wanted);
        });
        var kept = Count(merged);

        var rerun = CliProcess.Run(workspace.Root, Merge());
        Assert.True(rerun.ExitCode == 0, rerun.Stderr);
        if (kept > 0) Assert.Contains("kept from the earlier run", rerun.Stdout);
        Assert.Equal(referenceFrames, FileHashes.Of(merged));
        Assert.Equal(referenceMasks, FileHashes.Of(masks));
        Assert.Empty(FileHashes.Temporaries(merged));
        Assert.Empty(FileHashes.Temporaries(masks));
        output.WriteLine(campaign.Summary("merge"));
    }

    private static int Count(string folder) => Directory.Exists(folder) ? Directory.GetFiles(folder, "*.png").Length : 0;
}
