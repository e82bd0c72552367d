using System.Collections.Concurrent;
using FaceLab.Common;
using FaceLab.Faces.Files;
using FaceLab.Imaging;
using OpenCvSharp;

namespace FaceLab.Faces.Extraction;

/// <summary>Which frames a run works on.</summary>
public enum FaceExtractionScope
{
    /// <summary>Every frame not finished by an earlier run (resume).</summary>
    Remaining,

    /// <summary>Only frames that gave no face before (<c>--fix</c>), with manual boxes where given.</summary>
    FramesWithoutFaces,

    /// <summary>Every frame again (<c>--redo</c>); the faces an earlier run wrote for a frame are replaced.</summary>
    All,
}

/// <summary>
/// Extracts aligned faces from a folder of frames into <c>aligned/</c> (DeepFaceLab's steps 4 and
/// 5) on all cores: one file per face, <c>&lt;frame-stem&gt;_&lt;n&gt;.jpg</c>, largest face first, each
/// with its metadata embedded. Every file is written under a temporary name and renamed; a
/// journal of finished frames lets an interrupted run resume where it stopped.
/// </summary>
public static class FaceExtraction
{
    /// <summary>Extracts the faces of every frame of <paramref name="framesFolder"/> in <paramref name="scope"/> into <paramref name="alignedFolder"/>, resuming an interrupted run.</summary>
    public static async Task<FaceExtractionReport> RunAsync(
        string framesFolder, string alignedFolder, FaceExtractionTools tools, FaceExtractionOptions options,
        FaceExtractionScope scope = FaceExtractionScope.Remaining,
        IReadOnlyDictionary<string, IReadOnlyList<Rect2d>>? manualBoxes = null,
        IProgress<OperationProgress>? progress = null, CancellationToken ct = default)
    {
        options.Validate();
        var frames = ShardOf(ListFrames(framesFolder), options.Shard);
        AtomicOutput.EnsureWritableFolder(alignedFolder, alignedFolder);
        // A shard's lock and journal are its own: the other shards write into the same folder at the same time.
        var stateFolder = options.Shard?.StateFolderIn(alignedFolder) ?? alignedFolder;
        Directory.CreateDirectory(stateFolder);
        using var folderLock = ResourceLock.Acquire(stateFolder, "faces extract");
        if (options.Shard is null)
        {
            RefuseForeignFaces(alignedFolder);
            AtomicOutput.RemoveAbandoned(alignedFolder);
        }
        var debugFolder = options.Debug ? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(alignedFolder))!, "aligned_debug") : null;
        if (debugFolder is not null) Directory.CreateDirectory(debugFolder);

        using var journal = ExtractionJournal.Open(stateFolder, framesFolder, options.Signature);
        bool WithoutFaces(string name) => journal.Finished.GetValueOrDefault(name, -1) == 0 || journal.Changed.GetValueOrDefault(name, -1) == 0;
        var todo = scope switch
        {
            FaceExtractionScope.Remaining => frames.Where(f => !journal.Finished.ContainsKey(Path.GetFileName(f))).ToList(),
            FaceExtractionScope.FramesWithoutFaces => frames.Where(f => WithoutFaces(Path.GetFileName(f))).ToList(),
            _ => frames,
        };
        if (scope == FaceExtractionScope.Remaining) RemoveStaleFaces(alignedFolder, [.. journal.Changed.Keys]);

        var queue = new ConcurrentQueue<string>(todo);
        var faceCounts = new ConcurrentDictionary<string, int>(journal.Finished, StringComparer.Ordinal);
        var facesWritten = 0;
        var done = 0;
        progress?.Report(new OperationProgress("extract faces", 0, todo.Count));

        void Work()
        {
            using var extractor = new FrameFaceExtractor(tools.CreateDetector(), tools.CreateLandmarker(), options);
            while (!ct.IsCancellationRequested && queue.TryDequeue(out var frame))
            {
                var name = Path.GetFileName(frame);
                var boxes = manualBoxes?.GetValueOrDefault(name);
                var fingerprint = FrameFingerprint.Of(frame); // before reading: a change during the work shows next time
                var count = ProcessFrame(frame, alignedFolder, debugFolder, extractor, tools, options, boxes);
                Interlocked.Add(ref facesWritten, count);
                faceCounts[name] = count;
                journal.RecordFrame(name, count, fingerprint);
                progress?.Report(new OperationProgress("extract faces", Interlocked.Increment(ref done), todo.Count));
            }
        }

        var workers = Enumerable.Range(0, Math.Clamp(options.Workers, 1, Math.Max(1, todo.Count)))
            .Select(_ => Task.Factory.StartNew(Work, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default))
            .ToArray();
        await Task.WhenAll(workers);
        ct.ThrowIfCancellationRequested();

        var withoutFaces = frames.Select(Path.GetFileName).Where(n => faceCounts.GetValueOrDefault(n!, -1) == 0).Select(n => n!).ToList();
        return new FaceExtractionReport(frames.Count, todo.Count, facesWritten, withoutFaces);
    }

    private static int ProcessFrame(
        string framePath, string alignedFolder, string? debugFolder, FrameFaceExtractor extractor,
        FaceExtractionTools tools, FaceExtractionOptions options, IReadOnlyList<Rect2d>? manualBoxes)
    {
        using var frame = ImageDecoding.Read(framePath);
        var faces = extractor.Extract(frame, manualBoxes, framePath);
        try
        {
            WriteFaces(framePath, frame, faces, alignedFolder, debugFolder, tools, options);
            return faces.Count;
        }
        finally
        {
            foreach (var face in faces) face.Dispose();
        }
    }

    /// <summary>Writes the faces of one frame as <c>&lt;stem&gt;_&lt;n&gt;</c>, replacing those an earlier run wrote for it.</summary>
    internal static void WriteFaces(
        string framePath, Mat frame, IReadOnlyList<ExtractedFace> faces, string alignedFolder, string? debugFolder,
        FaceExtractionTools tools, FaceExtractionOptions options)
    {
        var stem = Path.GetFileNameWithoutExtension(framePath);
        RemoveEarlierFaces(alignedFolder, stem);
        for (var i = 0; i < faces.Count; i++)
        {
            var path = Path.Combine(alignedFolder, $"{stem}_{i}{options.Format.Extension()}");
            FaceImageFile.Write(path, faces[i].Aligned.Image, Metadata(faces[i], Path.GetFileName(framePath), tools, options), options.JpegQuality);
        }
        if (debugFolder is not null)
            ExtractionDebugImage.Write(Path.Combine(debugFolder, stem + ".jpg"), frame, faces);
    }

    private static FaceMetadata Metadata(ExtractedFace face, string frameName, FaceExtractionTools tools, FaceExtractionOptions options)
    {
        var m = face.Aligned.ImageToFace;
        var r = face.SourceRect;
        return new FaceMetadata
        {
            FaceType = options.FaceType.ToString(),
            Landmarks = [.. face.Aligned.Landmarks],
            SourceFilename = frameName,
            SourceRect = [r.Left, r.Top, r.Right, r.Bottom],
            SourceLandmarks = [.. face.Aligned.FrameLandmarks],
            ImageToFaceMat = [[m.M00, m.M01, m.M02], [m.M10, m.M11, m.M12]],
            Detector = tools.DetectorName,
            Landmarker = tools.LandmarkerName,
        };
    }

    private static List<string> ShardOf(List<string> frames, FrameShard? shard)
    {
        if (shard is null) return frames;
        var (first, last) = shard.PositionsIn(frames.Count);
        return frames.GetRange(first, Math.Max(0, last - first + 1));
    }

    /// <summary>Frames are all still images in the folder (numbered video frames or photos), in natural name order.</summary>
    internal static List<string> ListFrames(string folder)
    {
        if (!Directory.Exists(folder)) throw new FaceLabException(folder, "folder not found", "extract frames first with facelab video extract");
        var frames = ImageFiles.In(folder);
        return frames.Count > 0 ? frames : throw new FaceLabException(folder, "no frames found", "extract them first with facelab video extract");
    }

    /// <summary>Faces an earlier run wrote for this frame (<c>stem_N.ext</c>): a re-run may find fewer, and the old ones must not linger.</summary>
    private static void RemoveEarlierFaces(string alignedFolder, string stem)
    {
        foreach (var file in Directory.EnumerateFiles(alignedFolder, stem + "_*"))
        {
            var suffix = Path.GetFileNameWithoutExtension(file)[(stem.Length + 1)..];
            if (suffix.Length > 0 && suffix.All(char.IsAsciiDigit) && FaceImageFile.IsFaceImagePath(file)) File.Delete(file);
        }
    }

    /// <summary>
    /// The faces <c>&lt;stem&gt;_&lt;n&gt;</c> of frames whose file changed since they were extracted
    /// came from another picture; they go before the frame is done again, so none of them survives.
    /// </summary>
    private static void RemoveStaleFaces(string alignedFolder, IReadOnlyList<string> changedFrames)
    {
        if (changedFrames.Count == 0) return;
        var stems = changedFrames.Select(Path.GetFileNameWithoutExtension).ToHashSet(StringComparer.Ordinal);
        foreach (var face in Directory.EnumerateFiles(alignedFolder).Where(FaceImageFile.IsFaceImagePath).ToList())
            if (FrameStemOf(Path.GetFileNameWithoutExtension(face)) is { } stem && stems.Contains(stem))
                File.Delete(face);
    }

    /// <summary>The frame stem of a face name <c>&lt;stem&gt;_&lt;n&gt;</c> (no extension), or null for other names.</summary>
    internal static string? FrameStemOf(string faceName)
    {
        var underscore = faceName.LastIndexOf('_');
        return underscore > 0 && underscore < faceName.Length - 1 && faceName[(underscore + 1)..].All(char.IsAsciiDigit) ? faceName[..underscore] : null;
    }

    /// <summary>Faces that no journal accounts for came from elsewhere: resuming over them could mix two extractions.</summary>
    private static void RefuseForeignFaces(string alignedFolder)
    {
        if (File.Exists(ExtractionJournal.PathIn(alignedFolder))) return;
        var foreign = ImageFiles.In(alignedFolder, FaceImageFile.Extensions).Count;
        if (foreign > 0)
            throw new FaceLabException(alignedFolder, $"already holds {foreign} faces from another extraction", "clear the workspace or choose another output folder")
            { Remedy = Remedy.ClearOrOtherOutput };
    }
}
