using FaceLab.FaceSets.Sorting;
using FaceLab.Faces.Alignment;
using FaceLab.Faces.Detection;
using FaceLab.Faces.Extraction;
using FaceLab.Faces.Landmarks;
using FaceLab.Studio.Security;

namespace FaceLab.Studio.Jobs;

/// <summary>The face jobs: the library's <c>faces sort</c> and <c>faces extract</c> run by the <see cref="JobRunner"/>.</summary>
public sealed class FaceJobs(JobRunner runner, WorkspacePaths paths)
{
    public StudioJob StartSort(SortJobRequest request)
    {
        request = request.Validate();
        var folder = paths.Resolve(request.Folder);
        runner.EnsureIdle(folder, request.Folder); // first: a folder an extraction is still creating is busy, not missing
        RequireFolder(folder, request.Folder);
        var options = new FaceSortOptions { Count = request.Count };
        return runner.Start("faces sort", folder, paths.ToRelative(folder), async job =>
        {
            var report = await FaceSetSorter.SortAsync(folder, request.Method, options, job, job.CancellationToken);
            if (report.ResumedInterruptedSort) job.Log("finished the renames of an interrupted sort first");
            foreach (var skipped in report.Skipped) job.Log($"{skipped.Name}: {skipped.Reason}; left in place, not sorted");
            return $"sorted {report.Kept} faces by {report.Method}" +
                (report.Trashed > 0 ? $"; moved {report.Trashed} to the trash" : "") +
                $" ({report.FeaturesComputed} measured, {report.FeaturesFromCache} from the cache)";
        });
    }

    public StudioJob StartExtract(ExtractJobRequest request)
    {
        request = request.Validate();
        var frames = paths.Resolve(request.Frames);
        RequireFolder(frames, request.Frames);
        var aligned = Path.Combine(frames, "aligned");
        var tools = FaceExtractionTools.From(FaceDetectors.Get(request.DetectorName), FaceLandmarkers.Get(request.LandmarkerName));
        var options = new FaceExtractionOptions { FaceType = FaceType.Parse(request.FaceTypeName) };
        var scope = request.Redo ? FaceExtractionScope.All : FaceExtractionScope.Remaining;
        return runner.Start("faces extract", aligned, paths.ToRelative(aligned), async job =>
        {
            var report = await FaceExtraction.RunAsync(frames, aligned, tools, options, scope, null, job, job.CancellationToken);
            if (report.FramesWithoutFaces.Count > 0)
                job.Log($"{report.FramesWithoutFaces.Count} frames without a face (first: {report.FramesWithoutFaces[0]})");
            return $"{report.FacesWritten} faces from {report.Processed} frames" +
                (report.Processed < report.Frames ? $"; {report.Frames - report.Processed} frames were extracted before" : "");
        });
    }

    private static void RequireFolder(string folder, string shown)
    {
        if (!Directory.Exists(folder)) throw StudioRequestException.NotFound(shown, "folder not found");
    }
}
