using FaceLab.Common;
using FaceLab.FaceSets;
using FaceLab.FaceSets.Sorting;
using FaceLab.Faces.Files;
using FaceLab.Studio.Faces;
using FaceLab.Studio.Jobs;
using FaceLab.Studio.Security;
using FaceLab.Workspace;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.StaticFiles;

namespace FaceLab.Studio.Api;

/// <summary>Faces to trash: a face folder and file names in it.</summary>
public sealed record TrashRequest(string Folder, IReadOnlyList<string> Names);

/// <summary>A face folder whose trash to move back.</summary>
public sealed record RestoreRequest(string Folder);

/// <summary>The Faces page's API: face sets, listings, thumbnails, one face's details and its frame, trash and restore.</summary>
internal static class FaceEndpoints
{
    /// <summary>Thumbnail URLs carry the face's version, so a cached thumbnail never needs asking again.</summary>
    private const string ImmutableCaching = "private, max-age=31536000, immutable";

    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/facesets", (WorkspacePaths paths) => FaceListing.SetsOf(WorkspaceLayout.At(paths.Root)));
        api.MapGet("/sort-methods", () => FaceSortMethods.All.Select(m => new { m.Name, m.Description }));
        api.MapGet("/faces", (string folder, WorkspacePaths paths) => FaceListing.List(ExistingFolder(folder, paths), folder));
        api.MapGet("/thumbnail", (string path, WorkspacePaths paths, ThumbnailCache thumbnails, HttpContext context) =>
        {
            var face = ExistingFile(path, paths, FaceImageFile.Extensions);
            context.Response.Headers.CacheControl = ImmutableCaching;
            return Results.Bytes(thumbnails.Get(face), "image/jpeg");
        });
        api.MapGet("/face", (string path, WorkspacePaths paths) => FaceDetails.Read(ExistingFile(path, paths, FaceImageFile.Extensions), paths));
        api.MapGet("/image", (string path, WorkspacePaths paths) =>
        {
            var image = ExistingFile(path, paths, ImageFiles.StillExtensions);
            var lastModified = File.GetLastWriteTimeUtc(image);
            var tag = new Microsoft.Net.Http.Headers.EntityTagHeaderValue($"\"{FaceListing.VersionOf(new FileInfo(image))}\"");
            return Results.File(image, ContentTypeOf(image), lastModified: lastModified, entityTag: tag);
        });
        api.MapPost("/faces/trash", (TrashRequest request, WorkspacePaths paths, JobRunner jobs) =>
        {
            var folder = ExistingFolder(request.Folder, paths);
            var names = CheckedNames(request, folder);
            jobs.EnsureIdle(folder, request.Folder);
            using var held = LockFor(folder, request.Folder, "studio: move faces to the trash");
            return new { Moved = FaceSetTrash.MoveToTrash(folder, names) };
        });
        api.MapPost("/faces/restore", (RestoreRequest request, WorkspacePaths paths, JobRunner jobs) =>
        {
            var folder = ExistingFolder(request.Folder, paths);
            jobs.EnsureIdle(folder, request.Folder);
            var report = FaceSetTrash.Restore(folder);
            return new { report.Restored, Renamed = report.Renamed.Select(r => new { r.From, r.To }) };
        });
    }

    internal static string ExistingFolder(string relative, WorkspacePaths paths)
    {
        var folder = paths.Resolve(relative);
        return Directory.Exists(folder) ? folder : throw StudioRequestException.NotFound(relative, "folder not found");
    }

    private static string ExistingFile(string relative, WorkspacePaths paths, IReadOnlyCollection<string> extensions)
    {
        var file = paths.Resolve(relative);
        if (!ImageFiles.HasImageExtension(file, extensions)) throw StudioRequestException.BadRequest(relative, "not an image file the studio shows");
        return File.Exists(file) ? file : throw StudioRequestException.NotFound(relative, "file not found");
    }

    /// <summary>Plain face file names that exist in the folder; all are checked before any is moved.</summary>
    private static List<string> CheckedNames(TrashRequest request, string folder)
    {
        if (request.Names is not { Count: > 0 } names) throw StudioRequestException.BadRequest(request.Folder, "no faces named to move");
        foreach (var name in names)
        {
            if (name != Path.GetFileName(name) || name.StartsWith('.') || !FaceImageFile.IsFaceImagePath(name))
                throw StudioRequestException.Forbidden(name, "refused: not a face file name", "name faces of the folder only");
            if (!File.Exists(Path.Combine(folder, name))) throw StudioRequestException.NotFound($"{request.Folder}/{name}", "no such face", "reload the page: the set may have changed");
        }
        return [.. names.Distinct(StringComparer.Ordinal)];
    }

    private static ResourceLock LockFor(string folder, string shown, string operation)
    {
        try
        {
            return ResourceLock.Acquire(folder, operation);
        }
        catch (FaceLabException e)
        {
            throw StudioRequestException.Conflict(shown, e.Problem, e.Hint);
        }
    }

    private static readonly FileExtensionContentTypeProvider ContentTypes = new();

    private static string ContentTypeOf(string file) =>
        ContentTypes.TryGetContentType(file, out var type) ? type : "application/octet-stream";
}
