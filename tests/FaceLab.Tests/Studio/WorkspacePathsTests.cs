using FaceLab.Studio.Security;
using FaceLab.Tests.Support;

namespace FaceLab.Tests.Studio;

/// <summary>
/// Paths from the page resolve inside the workspace or are refused, whatever symbolic links lie
/// on the way. Real folders and links on disk: the check must follow them as the kernel does.
/// </summary>
public sealed class WorkspacePathsTests : IDisposable
{
    private readonly TempFolder _temp = new();
    private readonly string _workspace;
    private readonly string _outside;

    public WorkspacePathsTests()
    {
        _workspace = _temp.Combine("workspace");
        _outside = _temp.Combine("outside");
        Directory.CreateDirectory(Path.Combine(_workspace, "data_src", "aligned"));
        Directory.CreateDirectory(_outside);
        File.WriteAllText(Path.Combine(_outside, "secret.jpg"), "not yours");
        File.WriteAllText(Path.Combine(_workspace, "data_src", "aligned", "00001_0.jpg"), "face");
    }

    private WorkspacePaths Paths => new(_workspace);

    [Theory]
    [InlineData("data_src/aligned/00001_0.jpg")]
    [InlineData("data_src/aligned")]
    [InlineData("data_src//aligned/")]
    [InlineData("data_dst/aligned/not-yet.jpg")] // may not exist yet: a path to write
    public void APathInsideTheWorkspaceResolvesUnderIt(string relative)
    {
        var full = Paths.Resolve(relative);

        Assert.StartsWith(_workspace + "/", full);
        Assert.Equal(relative.Trim('/').Replace("//", "/"), Paths.ToRelative(full));
    }

    [Theory]
    [InlineData("../outside/secret.jpg", "goes up with ..")]
    [InlineData("data_src/../../outside/secret.jpg", "goes up with ..")]
    [InlineData("data_src/aligned/..", "goes up with ..")]
    [InlineData("/etc/passwd", "is an absolute path")]
    [InlineData("//etc/passwd", "is an absolute path")]
    [InlineData("C:/Windows", "is an absolute path")]
    [InlineData("data_src\\..\\..\\outside", "contains a backslash")]
    [InlineData(".facelab-studio/thumbnails", "names a hidden file or folder")]
    [InlineData("data_src/aligned/.facelab-lock-holder", "names a hidden file or folder")]
    [InlineData("data_src/\0/x", "contains control characters")]
    [InlineData("", "is empty")]
    public void APathThatLeavesTheWorkspaceOrIsMalformedIsRefused(string relative, string problem)
    {
        var e = Assert.Throws<StudioRequestException>(() => Paths.Resolve(relative));

        Assert.Equal(403, e.Status);
        Assert.Contains(problem, e.Problem);
    }

    [Fact]
    public void ALinkedFolderPointingOutsideIsRefused()
    {
        File.CreateSymbolicLink(Path.Combine(_workspace, "data_src", "escape"), _outside);

        var e = Assert.Throws<StudioRequestException>(() => Paths.Resolve("data_src/escape/secret.jpg"));

        Assert.Contains("outside the workspace through a symbolic link", e.Problem);
    }

    [Fact]
    public void ARelativeLinkedFileAndALinkChainPointingOutsideAreRefused()
    {
        File.CreateSymbolicLink(Path.Combine(_workspace, "data_src", "aligned", "00002_0.jpg"), "../../../outside/secret.jpg");
        File.CreateSymbolicLink(Path.Combine(_workspace, "hop"), Path.Combine(_workspace, "data_src", "aligned", "00002_0.jpg"));

        Assert.Throws<StudioRequestException>(() => Paths.Resolve("data_src/aligned/00002_0.jpg"));
        Assert.Throws<StudioRequestException>(() => Paths.Resolve("hop"));
    }

    [Fact]
    public void ALinkWhoseDotDotLeavesFromItsTargetIsRefused()
    {
        // inside/up → outside folder; "up/.." is the temp folder physically, though lexically it is inside/.
        File.CreateSymbolicLink(Path.Combine(_workspace, "up"), _outside);
        File.CreateSymbolicLink(Path.Combine(_workspace, "via"), Path.Combine(_workspace, "up", "..", "outside", "secret.jpg"));

        Assert.Throws<StudioRequestException>(() => Paths.Resolve("via"));
    }

    [Fact]
    public void ALinkThatStaysInsideTheWorkspaceIsFollowed()
    {
        File.CreateSymbolicLink(Path.Combine(_workspace, "faces"), Path.Combine(_workspace, "data_src", "aligned"));

        Assert.Equal(Path.Combine(_workspace, "faces", "00001_0.jpg"), Paths.Resolve("faces/00001_0.jpg"));
    }

    [Fact]
    public void AWorkspaceReachedThroughALinkStillContainsItsFiles()
    {
        var link = _temp.Combine("workspace-link");
        File.CreateSymbolicLink(link, _workspace);

        var paths = new WorkspacePaths(link);

        Assert.Equal(Path.Combine(link, "data_src", "aligned", "00001_0.jpg"), paths.Resolve("data_src/aligned/00001_0.jpg"));
        Assert.Equal(_workspace, paths.RealRoot);
    }

    public void Dispose() => _temp.Dispose();
}
