using FaceLab.Media;

namespace FaceLab.Tests.Media;

public class AssemblyAudioTests
{
    [Theory]
    [InlineData("aac", ".mp4", "copy")]
    [InlineData("opus", ".mp4", "copy")]
    [InlineData("pcm_s16le", ".mp4", "alac")]
    [InlineData("pcm_s24be", ".mp4", "alac")]
    [InlineData("flac", ".mp4", "alac")]
    [InlineData("pcm_f32le", ".mp4", "aac")]
    [InlineData("vorbis", ".mp4", "aac")]
    [InlineData("pcm_s16le", ".mov", "copy")]
    [InlineData("opus", ".mov", "aac")]
    [InlineData("pcm_s16le", ".mkv", "copy")]
    public void CopiesWhatTheContainerHoldsAndReencodesTheRest(string codec, string extension, string expected)
    {
        var audio = AssemblyAudio.Choose(codec, extension);

        Assert.Equal(expected, audio.Arguments[1]);
        if (expected == "copy") Assert.Null(audio.Note);
        else Assert.Contains(codec, audio.Note);
    }
}
