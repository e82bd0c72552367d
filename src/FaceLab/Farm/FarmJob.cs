using FaceLab.Common;
using FaceLab.Faces.Alignment;
using FaceLab.Faces.Detection;
using FaceLab.Faces.Extraction;
using FaceLab.Faces.Files;
using FaceLab.Faces.Landmarks;
using FaceLab.Media;
using FaceLab.Merging;
using FaceLab.Training.Inference;
using FaceLab.Training.Sessions;

namespace FaceLab.Farm;

/// <summary>
/// The engine-neutral side of a farmed stage: plan it (the manifest), run one shard of it (the same
/// merge or extraction a single process runs, over the shard's frames, then a marker), and finish
/// it once every shard has (a merge's video assembled; an extraction's shard journals joined into
/// the folder's journal, so later commands see one finished extraction).
/// </summary>
public static class FarmJob
{
    /// <summary>A merge plan: the workspace's dst frames and faces, <paramref name="modelName"/>'s current checkpoint (the only model when null) and its merge settings.</summary>
    public static FarmManifest PlanMerge(FarmPaths paths, int? shards, int? shardSize, string? modelName)
    {
        var model = ModelFolder.Find(paths.Layout.Models, modelName);
        var checkpoint = model.Checkpoint ?? throw new FaceLabException(model.Folder, "has no saved checkpoint", "train the model first");
        var session = MergeSession.Load(model.Folder);
        if (session is null)
        {
            // Saved now, so its time (the one the frames' mark names) stays the same in every later plan.
            session = MergeSession.New(MergeOptions.Default);
            session.Save(model.Folder);
        }
        var faces = FarmManifest.FaceFiles(paths.Layout.DestinationAligned).ToList();
        return FarmManifest.Create(FarmStage.Merge, FrameSequence.In(paths.Frames).Files, shards, shardSize, m => m with
        {
            Faces = [.. faces.Select(f => InputFile.Of(f, Path.GetFileName(f)))],
            Model = ModelCheckpoint.Of(model.Folder, model.Iteration, checkpoint),
            Merge = session,
        });
    }

    /// <summary>An extraction plan over the stage's frames with <paramref name="settings"/>.</summary>
    public static FarmManifest PlanExtraction(FarmPaths paths, int? shards, int? shardSize, ExtractionSettings settings)
    {
        OptionsOf(settings, shard: null); // refuse bad settings now, not in every shard
        return FarmManifest.Create(paths.Stage, FaceExtraction.ListFrames(paths.Frames), shards, shardSize, m => m with { Extraction = settings });
    }

    /// <summary>
    /// Saves <paramref name="manifest"/> as the stage's plan. Shard journals of an earlier, different
    /// plan go: their frames are done again under the new one (its markers no longer count either).
    /// </summary>
    public static void Save(FarmPaths paths, FarmManifest manifest)
    {
        Directory.CreateDirectory(paths.Folder);
        var earlier = File.Exists(paths.Manifest) ? TryLoad(paths.Manifest) : null;
        if (earlier?.Hash != manifest.Hash)
        {
            var shardStates = Path.Combine(paths.Output, ".facelab-shards");
            if (Directory.Exists(shardStates)) Directory.Delete(shardStates, recursive: true);
            if (Directory.Exists(paths.Markers)) Directory.Delete(paths.Markers, recursive: true);
        }
        manifest.Save(paths.Manifest);
    }

    /// <summary>The stage's saved plan.</summary>
    public static FarmManifest Load(FarmPaths paths)
    {
        var manifest = FarmManifest.Load(paths.Manifest);
        if (manifest.StageValue != paths.Stage)
            throw new FaceLabException(paths.Manifest, $"plans {manifest.Stage}, not {FarmStages.NameOf(paths.Stage)}", "plan the job again");
        return manifest;
    }

    /// <summary>
    /// Runs <paramref name="shard"/> of the planned stage with <paramref name="workers"/> threads after
    /// checking its inputs against the plan, and leaves its marker. Run again (a retry, a pre-empted
    /// task) it resumes and ends with the same files and marker.
    /// </summary>
    public static async Task<ShardMarker> RunShardAsync(FarmPaths paths, FarmManifest manifest, FrameShard shard, int workers,
        IProgress<OperationProgress>? progress = null, CancellationToken ct = default)
    {
        if (shard.Count != manifest.ShardCount)
            throw new FaceLabException(shard.ToString(), $"the job was planned with {manifest.ShardCount} shards, not {shard.Count}", "give the planned shard count");
        var stems = StemsOf(manifest, shard);
        if (paths.Stage == FarmStage.Merge)
        {
            var frames = FrameSequence.In(paths.Frames).Files;
            manifest.VerifyInputs(paths, shard, frames, paths.Layout.DestinationAligned);
            var planned = manifest.Model!;
            using var model = TrainedModel.Open(planned.Folder);
            if (model.Iteration != planned.Iteration || Path.GetFullPath(model.Checkpoint) != Path.GetFullPath(planned.Checkpoint))
                throw FarmManifest.Changed(planned.Folder, $"the model moved from iteration {planned.Iteration} to {model.Iteration}");
            await FrameMergeRun.RunAsync(new ModelFacePredictor(model), planned.Identity, manifest.MergeRequestFor(paths, shard, workers), progress, ct);
        }
        else
        {
            manifest.VerifyInputs(paths, shard, FaceExtraction.ListFrames(paths.Frames), facesFolder: null);
            var settings = manifest.Extraction!;
            var tools = FaceExtractionTools.From(FaceDetectors.Get(settings.Detector), FaceLandmarkers.Get(settings.Landmarker));
            await FaceExtraction.RunAsync(paths.Frames, paths.Output, tools, OptionsOf(settings, shard) with { Workers = workers },
                FaceExtractionScope.Remaining, null, progress, ct);
        }
        var range = manifest.RangeOf(shard);
        var marker = new ShardMarker(manifest.Stage, manifest.Hash, shard.Index, shard.Count, range.First, range.Last!.Value,
            new SortedDictionary<string, string>(OutputsOf(paths, manifest, stems).ToDictionary(f => f.Name, f => f.Hash), StringComparer.Ordinal));
        marker.Save(paths.MarkerOf(shard));
        return marker;
    }

    /// <summary>The shards without a valid marker of this plan, or whose marker names an output that is gone.</summary>
    public static IReadOnlyList<FrameShard> UnfinishedShards(FarmPaths paths, FarmManifest manifest) =>
        [.. manifest.Shards.Where(s => ShardMarker.Load(paths.MarkerOf(s)) is not { } marker
            || !marker.BelongsTo(manifest, s) || marker.MissingOutputs(paths.Frames).Any())];

    /// <summary>
    /// Ends the stage once every shard finished (an error naming the first unfinished one otherwise):
    /// a merge assembles <c>result.mp4</c> from the merged frames with the dst video's frame rate and
    /// audio; an extraction joins the shards' journals into the faces folder's own.
    /// </summary>
    public static async Task<string> FinishAsync(FarmPaths paths, FarmManifest manifest, IProgress<OperationProgress>? progress = null, CancellationToken ct = default)
    {
        var unfinished = UnfinishedShards(paths, manifest);
        if (unfinished.Count > 0)
            throw new FaceLabException(paths.MarkerOf(unfinished[0]), $"{unfinished.Count} of {manifest.ShardCount} shards have not finished (first: shard {unfinished[0]})",
                "run the missing shards again, then finish the job");
        if (paths.Stage != FarmStage.Merge)
        {
            var options = OptionsOf(manifest.Extraction!, shard: null);
            ExtractionJournal.Join(paths.Output, [.. manifest.Shards.Select(s => s.StateFolderIn(paths.Output))], options.Signature);
            return paths.Output;
        }
        var result = await VideoAssembler.AssembleAsync(paths.Layout.Merged, Path.Combine(paths.Layout.Root, "result.mp4"),
            new VideoAssemblyOptions { Reference = paths.Layout.DestinationVideo, Overwrite = true }, progress, ct);
        return result.Output;
    }

    private static HashSet<string> StemsOf(FarmManifest manifest, FrameShard shard)
    {
        var (first, last) = shard.PositionsIn(manifest.Frames.Count);
        return [.. manifest.Frames.Skip(first).Take(last - first + 1).Select(f => Path.GetFileNameWithoutExtension(f.Name))];
    }

    /// <summary>The files a shard wrote, named relative to the stage's frames folder: merged frames and masks, or faces.</summary>
    private static IEnumerable<InputFile> OutputsOf(FarmPaths paths, FarmManifest manifest, HashSet<string> stems)
    {
        if (paths.Stage != FarmStage.Merge)
        {
            return FarmManifest.FaceFiles(paths.Output).Where(f => stems.Contains(FarmManifest.FrameStemOf(Path.GetFileName(f))))
                .Select(f => InputFile.Of(f, Path.GetRelativePath(paths.Frames, f)));
        }
        return manifest.Frames.Where(f => stems.Contains(Path.GetFileNameWithoutExtension(f.Name))).SelectMany(f => new[]
        {
            Path.Combine(paths.Layout.Merged, FrameMergeRun.OutputName(f.Name, manifest.Merge!.For(f.Name))),
            Path.Combine(paths.Layout.MergedMask, Path.GetFileNameWithoutExtension(f.Name) + ".png"),
        }).Select(f => InputFile.Of(f, Path.GetRelativePath(paths.Frames, f)));
    }

    private static FaceExtractionOptions OptionsOf(ExtractionSettings settings, FrameShard? shard) => new FaceExtractionOptions
    {
        FaceType = FaceType.Parse(settings.FaceType),
        Size = settings.Size,
        Format = settings.Format == "png" ? FaceImageFormat.Png : FaceImageFormat.Jpg,
        JpegQuality = settings.JpegQuality,
        MaxFaces = settings.MaxFaces,
        Accurate = settings.Accurate,
        Shard = shard,
    }.Validate();

    private static FarmManifest? TryLoad(string path)
    {
        try
        {
            return FarmManifest.Load(path);
        }
        catch (FaceLabException)
        {
            return null;
        }
    }
}
