using System.Net;
using System.Net.Http.Json;
using FaceLab.Faces.Extraction;
using FaceLab.Faces.Files;
using FaceLab.Imaging;
using FaceLab.Tests.Faces.Landmarks;
using OpenCvSharp;

namespace FaceLab.Tests.Studio;

/// <summary>
/// The Manual faces API on the real server and real frames: the landmarks for a drawn box, a face
/// accepted by hand written like an extracted one, and paths or names that leave the workspace refused.
/// </summary>
[Collection(StudioCollection.Name)]
public sealed class StudioManualApiTests(StudioWorkspaceFixture data) : StudioApiTest(data)
{
    private FaceMetadata Face(string name) => FaceImageFile.ReadMetadata(Studio.Combine("data_dst", "aligned", name));

    [Fact]
    public async Task TheBoxExtractionRecordedGivesTheExtractedLandmarks()
    {
        var face = Face("00003_0.jpg");

        using var response = await Studio.Client.PostAsJsonAsync("api/manual/landmarks", new { folder = "data_dst", frame = "00003.png", box = face.SourceRect });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var landmarks = (await response.Content.ReadFromJsonAsync<LandmarksView>())!.Landmarks;
        Assert.Equal(68, landmarks.Length);
        var nme = LandmarkError.Nme([.. landmarks.Select(p => new Point2d(p[0], p[1]))], face.SourceLandmarks);
        Assert.True(nme < 0.02, $"NME {nme:0.0000} against the extracted face");
    }

    [Fact]
    public async Task AnAcceptedFaceIsWrittenLikeAnExtractedOneWithThePlacedLandmarks()
    {
        var extracted = Face("00003_0.jpg");
        File.Delete(Studio.Combine("data_dst", "aligned", "00003_0.jpg"));
        var without = (await Studio.Client.GetFromJsonAsync<FramesView>("api/manual/frames?folder=data_dst&withoutFaces=true"))!;
        var placed = extracted.SourceLandmarks.Select(p => new[] { p.X, p.Y }).ToArray();
        placed[30] = [placed[30][0] + 4, placed[30][1] - 3]; // the nose tip dragged by hand

        using var response = await Studio.Client.PostAsJsonAsync("api/manual/accept", new
        {
            folder = "data_dst",
            frame = "00003.png",
            faces = new[] { new { box = extracted.SourceRect, landmarks = placed } },
        });

        Assert.Equal([new FrameView("00003.png", "data_dst/00003.png", 0)], without.Frames);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["data_dst/aligned/00003_0.jpg"], (await response.Content.ReadFromJsonAsync<AcceptView>())!.Written);
        var written = Face("00003_0.jpg");
        Assert.Equal(extracted.SourceRect, written.SourceRect);
        Assert.Equal(placed.Length, written.SourceLandmarks.Length);
        for (var i = 0; i < placed.Length; i++)
        {
            Assert.Equal(placed[i][0], written.SourceLandmarks[i].X, 3);
            Assert.Equal(placed[i][1], written.SourceLandmarks[i].Y, 3);
        }
        Assert.Equal((extracted.FaceType, extracted.SourceFilename, extracted.Detector, extracted.Landmarker),
            (written.FaceType, written.SourceFilename, written.Detector, written.Landmarker));
        Assert.Equal(256, ImageHeader.ReadSize(Studio.Combine("data_dst", "aligned", "00003_0.jpg")).Width);
        Assert.Contains("\"frame\":\"00003.png\",\"faces\":1", File.ReadLines(ExtractionJournal.PathIn(Studio.Combine("data_dst", "aligned"))).Last());
        var after = (await Studio.Client.GetFromJsonAsync<FramesView>("api/manual/frames?folder=data_dst&withoutFaces=true"))!;
        Assert.Empty(after.Frames);
    }

    [Fact]
    public async Task FramesThroughASymbolicLinkOutOfTheWorkspaceOrWithoutTheTokenAreRefused()
    {
        var outside = Studio.Scratch.Combine("outside");
        Directory.CreateDirectory(outside);
        File.Copy(Studio.Combine("data_dst", "00003.png"), Path.Combine(outside, "00003.png"));
        File.CreateSymbolicLink(Studio.Combine("linked"), outside);
        var box = Face("00003_0.jpg").SourceRect;

        using var linked = await Studio.Client.PostAsJsonAsync("api/manual/landmarks", new { folder = "linked", frame = "00003.png", box });
        using var named = await Studio.Client.PostAsJsonAsync("api/manual/accept", new { folder = "data_dst", frame = "../00003.png", faces = Array.Empty<object>() });
        using var anonymous = await Studio.Anonymous.PostAsJsonAsync("api/manual/landmarks", new { folder = "data_dst", frame = "00003.png", box });
        using var listing = await Studio.Anonymous.GetAsync("api/manual/frames?folder=data_dst");

        Assert.Equal(HttpStatusCode.Forbidden, linked.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, named.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, listing.StatusCode);
        Assert.False(Directory.Exists(Path.Combine(outside, "aligned")));
    }

    private sealed record LandmarksView(double[][] Landmarks);

    private sealed record FramesView(string Folder, List<FrameView> Frames);

    private sealed record FrameView(string Name, string Path, int Faces);

    private sealed record AcceptView(List<string> Written);
}
