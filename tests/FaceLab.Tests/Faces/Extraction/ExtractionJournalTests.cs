using FaceLab.Common;
using FaceLab.Faces.Extraction;
using FaceLab.Tests.Support;

namespace FaceLab.Tests.Faces.Extraction;

/// <summary>The extraction journal notices frames that changed since, and survives damage without a crash.</summary>
public sealed class ExtractionJournalTests
{
    private const string Options = "test-options";

    [Fact]
    public void AFrameWhoseFileChangedIsNoLongerFinished()
    {
        using var temp = new TempFolder();
        var frames = temp.Combine("frames");
        var aligned = temp.Combine("aligned");
        Directory.CreateDirectory(frames);
        Directory.CreateDirectory(aligned);
        foreach (var name in new[] { "00001.png", "00002.png", "00003.png" })
            File.WriteAllBytes(Path.Combine(frames, name), [1, 2, 3, (byte)name[4]]);
        using (var journal = ExtractionJournal.Open(aligned, frames, Options))
            foreach (var name in new[] { "00001.png", "00002.png", "00003.png" })
                journal.RecordFrame(name, 1, FrameFingerprint.Of(Path.Combine(frames, name)));

        File.Delete(Path.Combine(frames, "00001.png"));                                     // deleted to save space: its faces stay
        File.WriteAllBytes(Path.Combine(frames, "00002.png"), [9, 9, 9, 9, 9]);           // another picture
        File.WriteAllBytes(Path.Combine(frames, "00003.png"), [1, 2, 3, (byte)'3']);       // same bytes, written again
        File.SetLastWriteTimeUtc(Path.Combine(frames, "00003.png"), DateTime.UtcNow.AddMinutes(5));

        using var reopened = ExtractionJournal.Open(aligned, frames, Options);
        Assert.Equal(["00001.png", "00003.png"], reopened.Finished.Keys.Order());
        Assert.Equal(["00002.png"], reopened.Changed.Keys);
    }

    [Theory]
    [InlineData("{\"frame\": 5, \"faces\": 1}")]
    [InlineData("{\"frame\": null, \"faces\": 1}")]
    [InlineData("{\"frame\": \"00001.png\", \"faces\": \"many\"}")]
    [InlineData("{\"frame\": \"00001.png\", \"faces\": 1.5}")]
    [InlineData("{\"frame\": \"00001.png\", \"faces\": -1}")]
    [InlineData("{\"frame\": \"../00001.png\", \"faces\": 1}")]
    [InlineData("{\"frame\": \"00001.png\", \"faces\": 1, \"size\": \"big\", \"mtime\": 1, \"xxh3\": \"0\"}")]
    [InlineData("[\"00001.png\", 1]")]
    [InlineData("7")]
    public void AnEntryOfTheWrongShapeIsIgnoredSoTheFrameIsDoneAgain(string entry)
    {
        using var temp = new TempFolder();
        Directory.CreateDirectory(temp.Combine("aligned"));
        File.WriteAllLines(ExtractionJournal.PathIn(temp.Combine("aligned")), ["{\"options\": \"test-options\"}", entry]);

        using var journal = ExtractionJournal.Open(temp.Combine("aligned"), temp.Path, Options);

        Assert.Empty(journal.Finished);
    }

    [Theory]
    [InlineData("{\"options\": 5}")]
    [InlineData("{\"options\": null}")]
    [InlineData("[\"test-options\"]")]
    [InlineData("\"test-options\"")]
    public void AHeaderOfTheWrongShapeGivesAOneLineError(string header)
    {
        using var temp = new TempFolder();
        Directory.CreateDirectory(temp.Combine("aligned"));
        File.WriteAllLines(ExtractionJournal.PathIn(temp.Combine("aligned")), [header]);

        var error = Assert.Throws<FaceLabException>(() => ExtractionJournal.Open(temp.Combine("aligned"), temp.Path, Options).Dispose());

        Assert.Contains("other options", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }
}
