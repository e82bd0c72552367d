using System.Net;
using System.Net.Http.Json;
using FaceLab.Studio.Security;

namespace FaceLab.Tests.Studio;

/// <summary>
/// The studio's security at the HTTP level, against the real server on a loopback port: the token
/// on every request (page, API, images, live channel), paths kept inside the workspace, no
/// cross-origin changes, a body size limit, and only loopback host names.
/// </summary>
[Collection(StudioCollection.Name)]
public sealed class StudioSecurityApiTests(StudioWorkspaceFixture data) : StudioApiTest(data)
{
    [Theory]
    [InlineData("")]
    [InlineData("app.js")]
    [InlineData("api/facesets")]
    [InlineData("api/faces?folder=data_src/aligned")]
    [InlineData("api/thumbnail?path=data_src/aligned/00001_0.jpg")]
    [InlineData("api/image?path=data_src/00001.png")]
    [InlineData("api/events")]
    [InlineData("api/merge/models")]
    [InlineData("api/merge/state")]
    [InlineData("api/merge/evaluation")]
    [InlineData("api/video?path=result.mp4")]
    [InlineData("api/no-such-thing")]
    public async Task EveryRequestWithoutTheTokenIsRefused(string url)
    {
        using var response = await Studio.Anonymous.GetAsync(url);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<ErrorResponse>();
        Assert.Equal("the session token is missing or wrong", body!.Error.Problem);
        Assert.Equal("open the URL that facelab studio printed", body.Error.Hint);
    }

    [Fact]
    public async Task AWrongTokenIsRefusedInTheHeaderTheCookieAndTheUrl()
    {
        var port = Studio.Server.Address.Port;
        using var header = new HttpRequestMessage(HttpMethod.Get, "api/facesets") { Headers = { { SessionToken.HeaderName, "guess" } } };
        using var cookie = new HttpRequestMessage(HttpMethod.Get, "api/facesets") { Headers = { { "Cookie", $"{SessionToken.CookieName(port)}=guess" } } };

        Assert.Equal(HttpStatusCode.Unauthorized, (await Studio.Anonymous.SendAsync(header)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Studio.Anonymous.SendAsync(cookie)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Studio.Anonymous.GetAsync("?token=guess")).StatusCode);
    }

    [Fact]
    public async Task TheTokenUrlSetsAStrictHttpOnlyCookieThatOpensThePageImagesAndTheLiveChannel()
    {
        using var handler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() };
        using var browser = new HttpClient(handler) { BaseAddress = Studio.Server.Address };

        using var entry = await browser.GetAsync(Studio.Server.TokenUrl);

        Assert.Equal(HttpStatusCode.Redirect, entry.StatusCode);
        var session = Studio.Server.Address.AbsolutePath;
        Assert.Equal(session, entry.Headers.Location!.OriginalString); // the token leaves the address bar
        var setCookie = Assert.Single(entry.Headers.GetValues("Set-Cookie"));
        Assert.Contains("httponly", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains($"path={session};", setCookie + ";", StringComparison.OrdinalIgnoreCase); // not sent to other servers on 127.0.0.1
        Assert.Contains("<title>FaceLab Studio</title>", await browser.GetStringAsync(""));
        using var thumbnail = await browser.GetAsync("api/thumbnail?path=data_src/aligned/00001_0.jpg");
        Assert.Equal("image/jpeg", thumbnail.Content.Headers.ContentType!.MediaType);
        using var events = await browser.GetAsync("api/events", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("text/event-stream", events.Content.Headers.ContentType!.MediaType);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/api/facesets")]
    [InlineData("/s-guess/api/facesets")]
    public async Task NothingIsServedOutsideTheSessionPathEvenWithTheToken(string url)
    {
        using var response = await Studio.Client.GetAsync(url);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("no such page", (await response.Content.ReadFromJsonAsync<ErrorResponse>())!.Error.Problem);
    }

    [Theory]
    [InlineData("api/faces?folder=../")]
    [InlineData("api/faces?folder=data_src/../..")]
    [InlineData("api/faces?folder=%2Fetc")]
    [InlineData("api/image?path=%2Fetc%2Fpasswd")]
    [InlineData("api/image?path=../outside.png")]
    [InlineData("api/thumbnail?path=data_src/aligned/..%2F..%2F..%2Foutside.jpg")]
    [InlineData("api/face?path=%2Ftmp%2Fface.jpg")]
    [InlineData("api/manual/frames?folder=..")]
    [InlineData("api/manual/frames?folder=%2Fetc")]
    [InlineData("api/manual/faces?folder=data_dst&frame=..%2F..%2Fsecret.png")]
    [InlineData("api/manual/faces?folder=data_dst%2F..%2F..&frame=00001.png")]
    [InlineData("api/video?path=../outside.mp4")]
    [InlineData("api/video?path=data_dst/../../outside.mp4")]
    [InlineData("api/video?path=%2Ftmp%2Foutside.mp4")]
    public async Task PathsWithDotDotOrAbsolutePathsAreRefused(string url)
    {
        using var response = await Studio.Client.GetAsync(url);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<ErrorResponse>();
        Assert.StartsWith("refused: the path", body!.Error.Problem);
    }

    [Fact]
    public async Task PathsThroughASymbolicLinkOutOfTheWorkspaceAreRefused()
    {
        var outside = Studio.Scratch.Combine("outside");
        Directory.CreateDirectory(outside);
        File.Copy(Studio.Combine("data_src", "00001.png"), Path.Combine(outside, "private.png"));
        File.CreateSymbolicLink(Studio.Combine("data_src", "linked"), outside);
        File.CreateSymbolicLink(Studio.Combine("data_src", "private.png"), Path.Combine(outside, "private.png"));

        foreach (var url in new[] { "api/image?path=data_src/linked/private.png", "api/image?path=data_src/private.png", "api/faces?folder=data_src/linked" })
        {
            using var response = await Studio.Client.GetAsync(url);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Contains("outside the workspace", (await response.Content.ReadFromJsonAsync<ErrorResponse>())!.Error.Problem);
        }
        using var sort = await Studio.Client.PostAsJsonAsync("api/jobs/sort", new { folder = "data_src/linked", method = "blur" });
        Assert.Equal(HttpStatusCode.Forbidden, sort.StatusCode);
    }

    [Fact]
    public async Task TrashRefusesNamesThatAreNotFacesOfTheFolder()
    {
        foreach (var name in new[] { "../00001.png", ".facelab-lock-holder", "/etc/passwd" })
        {
            using var response = await Studio.Client.PostAsJsonAsync("api/faces/trash", new { folder = "data_src/aligned", names = new[] { name } });
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }
        Assert.False(Directory.Exists(Studio.Combine("data_src", "aligned_trash")));
    }

    [Theory]
    [InlineData("Origin", "http://evil.example")]
    [InlineData("Origin", "null")]
    [InlineData("Origin", "http://localhost:1")]
    [InlineData("Sec-Fetch-Site", "cross-site")]
    [InlineData("Sec-Fetch-Site", "same-site")]
    public async Task CrossOriginChangesAreRefusedEvenWithTheToken(string header, string value)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/faces/trash")
        {
            Content = JsonContent.Create(new { folder = "data_src/aligned", names = new[] { "00001_0.jpg" } }),
            Headers = { { header, value } },
        };

        using var response = await Studio.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.StartsWith("refused: sent by a page of another", (await response.Content.ReadFromJsonAsync<ErrorResponse>())!.Error.Problem);
        Assert.True(File.Exists(Studio.Combine("data_src", "aligned", "00001_0.jpg")));
    }

    [Fact]
    public async Task ASameOriginChangeIsAccepted()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/faces/trash")
        {
            Content = JsonContent.Create(new { folder = "data_src/aligned", names = new[] { "00001_0.jpg" } }),
            Headers = { { "Origin", Studio.Server.Address.GetLeftPart(UriPartial.Authority) }, { "Sec-Fetch-Site", "same-origin" } },
        };

        using var response = await Studio.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(File.Exists(Studio.Combine("data_src", "aligned_trash", "00001_0.jpg")));
    }

    [Fact]
    public async Task ABodyOverTheLimitIsRefused()
    {
        var names = Enumerable.Range(0, 100_000).Select(i => $"{i:D8}_0.jpg").ToArray(); // ≈ 1.7 MB of JSON

        using var response = await Studio.Client.PostAsJsonAsync("api/faces/trash", new { folder = "data_src/aligned", names });

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("too large", (await response.Content.ReadFromJsonAsync<ErrorResponse>())!.Error.Problem);
    }

    [Theory]
    [InlineData("{\"folder\": ", "application/json", HttpStatusCode.BadRequest, "malformed request")]
    [InlineData("folder=data_src/aligned", "application/x-www-form-urlencoded", HttpStatusCode.UnsupportedMediaType, "unsupported media type")]
    public async Task AMalformedBodyIsAJsonError(string body, string contentType, HttpStatusCode status, string problem)
    {
        using var content = new StringContent(body, System.Text.Encoding.UTF8, contentType);

        using var response = await Studio.Client.PostAsync("api/faces/restore", content);

        Assert.Equal(status, response.StatusCode);
        Assert.Equal(problem, (await response.Content.ReadFromJsonAsync<ErrorResponse>())!.Error.Problem);
    }

    [Fact]
    public async Task AnotherHostNameIsRefused()
    {
        // A DNS-rebinding page reaches the port under its own host name.
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/facesets") { Headers = { Host = "evil.example" } };

        using var response = await Studio.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("refused: not a loopback host name", (await response.Content.ReadFromJsonAsync<ErrorResponse>())!.Error.Problem);
    }

    [Fact]
    public void TheServerListensOnLoopbackOnly()
    {
        Assert.Equal("127.0.0.1", Studio.Server.Address.Host);
    }
}
