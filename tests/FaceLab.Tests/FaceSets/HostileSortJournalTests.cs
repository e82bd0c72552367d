using FaceLab.Common;
using FaceLab.FaceSets;
using FaceLab.FaceSets.Renaming;
using FaceLab.FaceSets.Sorting;
using FaceLab.Tests.Support;

namespace FaceLab.Tests.FaceSets;

/// <summary>A sort journal travels with a shared face folder, so it is untrusted: a crafted or broken one moves nothing.</summary>
public sealed class HostileSortJournalTests
{
    private static (TempFolder Temp, string Folder) FolderWithFace()
    {
        var temp = new TempFolder();
        var folder = temp.Combine("aligned");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "00001_0.jpg"), "face");
        File.WriteAllText(Path.Combine(folder, ".hidden"), "not a face");
        return (temp, folder);
    }

    private static string Journal(string trashFolder, string from, string temp, string to, bool toTrash) =>
        System.Text.Json.JsonSerializer.Serialize(new
        {
            version = 1,
            phase = 1,
            trash_folder = trashFolder,
            entries = new[] { new { from, temp, to, to_trash = toTrash } },
        });

    private static void AssertNothingMoved(TempFolder temp, string folder)
    {
        Assert.Equal("face", File.ReadAllText(Path.Combine(folder, "00001_0.jpg")));
        Assert.Equal("not a face", File.ReadAllText(Path.Combine(folder, ".hidden")));
        Assert.Equal(["aligned"], Directory.GetFileSystemEntries(temp.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void AJournalNamingATrashOutsideTheFolderIsRefusedAndMovesNothing()
    {
        var (temp, folder) = FolderWithFace();
        using var _ = temp;
        var planted = temp.Combine("planted");
        File.WriteAllText(FaceSetRenamer.JournalPath(folder), Journal(planted, "00001_0.jpg", "sorting-x-000000.jpg", "evil.jpg", toTrash: true));

        var error = Assert.Throws<FaceLabException>(() => FaceSetTrash.Restore(folder));

        Assert.Contains(FaceSetRenamer.JournalFileName, error.Message);
        Assert.Contains("foreign trash", error.Message);
        Assert.DoesNotContain('\n', error.Message);
        Assert.False(Directory.Exists(planted));
        AssertNothingMoved(temp, folder);
        Assert.True(File.Exists(FaceSetRenamer.JournalPath(folder)), "the journal is kept for the user to look at");
    }

    [Theory]
    [InlineData(".hidden", "sorting-x-000000.jpg", "00000.jpg")]            // a hidden file of the folder
    [InlineData("../outside.jpg", "sorting-x-000000.jpg", "00000.jpg")]      // leaves the folder
    [InlineData("00001_0.jpg", "..", "00000.jpg")]
    [InlineData("00001_0.jpg", "sorting-x-000000.jpg", "sub/00000.jpg")]
    [InlineData("00001_0.jpg", "sorting-x-000000.jpg", ".bashrc")]
    public void AJournalNamingFilesOutsideTheFolderOrHiddenOnesIsRefused(string from, string temporary, string to)
    {
        var (temp, folder) = FolderWithFace();
        using var _ = temp;
        File.WriteAllText(temp.Combine("outside.jpg"), "outside");
        File.WriteAllText(FaceSetRenamer.JournalPath(folder), Journal(FaceSetFolder.TrashOf(folder), from, temporary, to, toTrash: false));

        var error = Assert.Throws<FaceLabException>(() => FaceSetSorter.Sort(folder, "blur", new FaceSortOptions()));

        Assert.Contains(FaceSetRenamer.JournalFileName, error.Message);
        Assert.Equal("outside", File.ReadAllText(temp.Combine("outside.jpg")));
        File.Delete(temp.Combine("outside.jpg"));
        AssertNothingMoved(temp, folder);
    }

    [Theory]
    [InlineData("""{"version": "one", "phase": 1, "trash_folder": "t", "entries": []}""")]
    [InlineData("""{"version": 1, "phase": 1, "trash_folder": null, "entries": [null]}""")]
    [InlineData("""{"version": 1, "phase": 1, "trash_folder": 5, "entries": []}""")]
    [InlineData("""{"version": 1, "phase": 1, "trash_folder": "x", "entries": [{"from": 5}]}""")]
    [InlineData("""{"version": 1, "phase": 1, "trash_folder": "x", "entries": [{"from": null, "temp": null, "to": null}]}""")]
    [InlineData("""{"version": 1, "phase": 7, "trash_folder": "x", "entries": "all"}""")]
    [InlineData("""[1, 2, 3]""")]
    [InlineData("""null""")]
    [InlineData("""not json at all""")]
    public void ABrokenJournalGivesAOneLineErrorAndMovesNothing(string journal)
    {
        var (temp, folder) = FolderWithFace();
        using var _ = temp;
        File.WriteAllText(FaceSetRenamer.JournalPath(folder), journal);

        var error = Assert.Throws<FaceLabException>(() => FaceSetTrash.Restore(folder));

        Assert.Contains(FaceSetRenamer.JournalFileName, error.Message);
        Assert.DoesNotContain('\n', error.Message);
        AssertNothingMoved(temp, folder);
    }
}
