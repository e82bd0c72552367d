using System.Net;
using System.Net.Http.Json;
using FaceLab.Faces.Files;
using OpenCvSharp;

namespace FaceLab.Tests.Studio;

/// <summary>The Faces page's API on the real server and real faces: listing, thumbnails and their disk cache, one face's geometry.</summary>
[Collection(StudioCollection.Name)]
public sealed class StudioFaceApiTests(StudioWorkspaceFixture data) : StudioApiTest(data)
{
    private string ThumbnailCache => Studio.Combine(".facelab-studio", "thumbnails");

    [Fact]
    public async Task AThumbnailIsMadeOnceKeptOnDiskAndServedAsImmutable()
    {
        using var first = await Studio.Client.GetAsync("api/thumbnail?path=data_dst/aligned/00002_0.jpg&v=1");
        var cached = Assert.Single(Directory.GetFiles(ThumbnailCache));
        var written = File.GetLastWriteTimeUtc(cached);
        using var second = await Studio.Client.GetAsync("api/thumbnail?path=data_dst/aligned/00002_0.jpg&v=1");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var caching = first.Headers.CacheControl!;
        Assert.True(caching.Private);
        Assert.Equal(TimeSpan.FromDays(365), caching.MaxAge);
        Assert.Contains(caching.Extensions, e => e.Name == "immutable");
        using var image = Cv2.ImDecode(await first.Content.ReadAsByteArrayAsync(), ImreadModes.Color);
        Assert.Equal(new Size(128, 128), image.Size()); // from a 256 px face
        Assert.Equal(await first.Content.ReadAsByteArrayAsync(), await second.Content.ReadAsByteArrayAsync());
        Assert.Equal(written, File.GetLastWriteTimeUtc(Assert.Single(Directory.GetFiles(ThumbnailCache))));
    }

    [Fact]
    public async Task TheListingFollowsTheFaceSetOrderAndCountsTheTrash()
    {
        var aligned = Studio.Combine("data_dst", "aligned");
        using var trash = await Studio.Client.PostAsJsonAsync("api/faces/trash", new { folder = "data_dst/aligned", names = new[] { "00003_0.jpg", "00004_0.jpg" } });

        var listing = (await Studio.Client.GetFromJsonAsync<ListingView>("api/faces?folder=data_dst/aligned"))!;

        Assert.Equal(HttpStatusCode.OK, trash.StatusCode);
        Assert.Equal(2, listing.InTrash);
        Assert.Equal(Directory.GetFiles(aligned, "*.jpg").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal), listing.Faces.Select(f => f.Name));
        Assert.Equal(listing.Faces.Count, listing.Faces.Select(f => f.Version).Distinct().Count());
    }

    [Fact]
    public async Task AFaceComesWithItsFrameAndACropOutlineThatMapsOntoTheAlignedCorners()
    {
        var path = Studio.Combine("data_dst", "aligned", "00005_0.jpg");
        var metadata = FaceImageFile.ReadMetadata(path);

        var face = (await Studio.Client.GetFromJsonAsync<FaceView>("api/face?path=data_dst/aligned/00005_0.jpg"))!;

        Assert.Equal(new FrameView("data_dst/00005.png", 480, 480), face.Frame);
        Assert.Equal(metadata.SourceRect, face.SourceRect);
        Assert.Equal(68, face.SourceLandmarks.Length);
        Assert.Equal(metadata.SourceLandmarks[30].X, face.SourceLandmarks[30][0], 6);
        double[][] corners = [[0, 0], [256, 0], [256, 256], [0, 256]];
        for (var i = 0; i < 4; i++)
        {
            var mapped = metadata.ImageToFace.Apply(new Point2d(face.CropOutline[i][0], face.CropOutline[i][1]));
            Assert.Equal(corners[i][0], mapped.X, 6);
            Assert.Equal(corners[i][1], mapped.Y, 6);
        }
        using var frame = await Studio.Client.GetAsync("api/image?path=" + face.Frame!.Path);
        Assert.Equal("image/png", frame.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task AFileThatIsNotAnImageOrDoesNotExistIsRefused()
    {
        File.WriteAllText(Studio.Combine("notes.txt"), "mine");

        using var text = await Studio.Client.GetAsync("api/image?path=notes.txt");
        using var missing = await Studio.Client.GetAsync("api/face?path=data_dst/aligned/99999_0.jpg");

        Assert.Equal(HttpStatusCode.BadRequest, text.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("data_dst/aligned/99999_0.jpg", (await missing.Content.ReadFromJsonAsync<ErrorResponse>())!.Error.Subject);
    }

    private sealed record ListingView(string Folder, List<FaceEntryView> Faces, int InTrash);

    private sealed record FaceEntryView(string Name, string Version);

    private sealed record FaceView(string Path, double[] SourceRect, double[][] SourceLandmarks, double[][] CropOutline, FrameView? Frame);

    private sealed record FrameView(string? Path, int Width, int Height);
}
