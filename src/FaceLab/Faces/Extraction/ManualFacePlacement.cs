using FaceLab.Common;
using FaceLab.Faces.Alignment;
using FaceLab.Faces.Detection;
using FaceLab.Faces.Files;
using FaceLab.Faces.Landmarks;
using FaceLab.Imaging;
using OpenCvSharp;

namespace FaceLab.Faces.Extraction;

/// <summary>A face placed by hand: the box drawn and its 68 landmarks, both in frame pixels.</summary>
public sealed record PlacedFace(Rect2d Box, IReadOnlyList<Point2d> Landmarks);

/// <summary>A frame of the folder and how many of its faces are in the aligned folder now.</summary>
public sealed record FrameFaces(string Name, int Faces);

/// <summary>
/// Placing faces by hand on the frames of one folder (the studio's manual extraction): the frames
/// and their face counts, the landmarks for a hand-drawn box (the same <see cref="HandBoxLandmarks"/>
/// fit that extraction applies to boxes placed by hand), and accepted faces aligned and written
/// exactly as extraction writes them: same names, metadata and journal entry, replacing the
/// frame's earlier faces. Thread-safe; the detector and landmarker load on first use.
/// </summary>
public sealed class ManualFacePlacement : IDisposable
{
    private readonly string _framesFolder;
    private readonly string _alignedFolder;
    private readonly FaceExtractionTools _tools;
    private readonly Lock _lock = new();
    private IFaceDetector? _detector;
    private ILandmarker? _landmarker;
    private (string Path, DateTime Modified, Mat Image)? _frame;

    /// <summary>Places faces from the frames in <paramref name="framesFolder"/> into <paramref name="alignedFolder"/> with <paramref name="tools"/>.</summary>
    public ManualFacePlacement(string framesFolder, string alignedFolder, FaceExtractionTools tools)
    {
        _framesFolder = Path.GetFullPath(framesFolder);
        _alignedFolder = Path.GetFullPath(alignedFolder);
        _tools = tools;
    }

    /// <summary>Every frame in name order with the number of its faces (<c>&lt;stem&gt;_&lt;n&gt;</c>) in the aligned folder.</summary>
    public IReadOnlyList<FrameFaces> Frames()
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        if (Directory.Exists(_alignedFolder))
            foreach (var face in ImageFiles.In(_alignedFolder, FaceImageFile.Extensions))
                if (FaceExtraction.FrameStemOf(Path.GetFileNameWithoutExtension(face)) is { } stem)
                    counts[stem] = counts.GetValueOrDefault(stem) + 1;
        return [.. FaceExtraction.ListFrames(_framesFolder)
            .Select(Path.GetFileName)
            .Select(name => new FrameFaces(name!, counts.GetValueOrDefault(Path.GetFileNameWithoutExtension(name)!)))];
    }

    /// <summary>The face files (<c>&lt;stem&gt;_&lt;n&gt;</c>) of frame <paramref name="frameName"/> in the aligned folder, in name order.</summary>
    public IReadOnlyList<string> FaceFilesOf(string frameName)
    {
        var stem = Path.GetFileNameWithoutExtension(FramePath(frameName));
        if (!Directory.Exists(_alignedFolder)) return [];
        return [.. ImageFiles.In(_alignedFolder, FaceImageFile.Extensions)
            .Where(f => FaceExtraction.FrameStemOf(Path.GetFileNameWithoutExtension(f)) == stem)];
    }

    /// <summary>
    /// The 68 landmarks (frame pixels) of the face in <paramref name="box"/> of frame
    /// <paramref name="frameName"/>, or a <see cref="FaceLabException"/> when no face fits the box.
    /// </summary>
    public Point2d[] Locate(string frameName, Rect2d box)
    {
        var path = FramePath(frameName);
        lock (_lock)
        {
            _detector ??= _tools.CreateDetector();
            _landmarker ??= _tools.CreateLandmarker();
            return HandBoxLandmarks.Locate(_detector, _landmarker, Frame(path), box, frameName);
        }
    }

    /// <summary>
    /// Aligns <paramref name="faces"/> of frame <paramref name="frameName"/> and writes them as its
    /// faces (face type, size and format those of the earlier extraction), replacing the faces it
    /// had, and records the frame as done. Returns the paths written.
    /// </summary>
    public IReadOnlyList<string> Accept(string frameName, IReadOnlyList<PlacedFace> faces)
    {
        var path = FramePath(frameName);
        foreach (var face in faces) Check(face, frameName);
        var options = new FaceExtractionOptions().WithSignature(ExtractionJournal.ReadSignature(_alignedFolder));
        AtomicOutput.EnsureWritableFolder(_alignedFolder, _alignedFolder);
        using var folderLock = ResourceLock.Acquire(_alignedFolder, "place faces by hand");
        var fingerprint = FrameFingerprint.Of(path);
        using var frame = ImageDecoding.Read(path);
        var extracted = new List<ExtractedFace>();
        try
        {
            foreach (var face in faces)
                extracted.Add(new ExtractedFace(AlignedFace.Extract(frame, face.Landmarks, options.FaceType, options.Size), face.Box, 0));
            using var journal = ExtractionJournal.Open(_alignedFolder, _framesFolder, options.Signature);
            FaceExtraction.WriteFaces(path, frame, extracted, _alignedFolder, null, _tools, options);
            journal.RecordFrame(frameName, extracted.Count, fingerprint);
        }
        finally
        {
            foreach (var face in extracted) face.Dispose();
        }
        var stem = Path.GetFileNameWithoutExtension(frameName);
        return [.. Enumerable.Range(0, faces.Count).Select(i => Path.Combine(_alignedFolder, $"{stem}_{i}{options.Format.Extension()}"))];
    }

    /// <summary>The frame's full path: a plain name of an image in the frames folder.</summary>
    private string FramePath(string frameName)
    {
        if (string.IsNullOrEmpty(frameName) || frameName != Path.GetFileName(frameName) || frameName.StartsWith('.') || !ImageFiles.HasImageExtension(frameName))
            throw new FaceLabException(frameName, "not a frame name", "name an image of the frames folder");
        var path = Path.Combine(_framesFolder, frameName);
        return File.Exists(path) ? path : throw new FaceLabException(path, "frame not found", "reload the frame list");
    }

    /// <summary>The decoded frame, kept while it is the one being worked on and unchanged.</summary>
    private Mat Frame(string path)
    {
        var modified = File.GetLastWriteTimeUtc(path);
        if (_frame is { } kept && kept.Path == path && kept.Modified == modified) return kept.Image;
        _frame?.Image.Dispose();
        _frame = null;
        var image = ImageDecoding.Read(path);
        _frame = (path, modified, image);
        return image;
    }

    private static void Check(PlacedFace face, string frameName)
    {
        if (face.Landmarks is not { Count: 68 } || !face.Landmarks.All(p => double.IsFinite(p.X) && double.IsFinite(p.Y)))
            throw new FaceLabException(frameName, "a placed face needs 68 finite landmarks", "place the face's box again");
        var b = face.Box;
        if (!(b.Width > 0 && b.Height > 0) || !double.IsFinite(b.X + b.Y + b.Width + b.Height))
            throw new FaceLabException(frameName, "a placed face's box is empty or not finite", "draw the box again");
    }

    /// <summary>Releases the detector, the landmarker and the frame kept.</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            _detector?.Dispose();
            _landmarker?.Dispose();
            _frame?.Image.Dispose();
            _frame = null;
        }
    }
}
