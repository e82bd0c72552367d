using System.Globalization;
using FaceLab.Common;
using FaceLab.Imaging;

namespace FaceLab.Media;

/// <summary>
/// The numbered frame images of a folder (<c>00001.png</c>, ...), in numeric order, of any
/// still format <see cref="ImageFiles"/> accepts. Only names that are a number count as frames;
/// anything else in the folder, and hidden files, are left alone.
/// </summary>
public sealed class FrameSequence
{
    private FrameSequence(string folder, IReadOnlyList<string> files)
    {
        Folder = folder;
        Files = files;
    }

    /// <summary>The folder (full path).</summary>
    public string Folder { get; }

    /// <summary>The frame files in numeric order (full paths).</summary>
    public IReadOnlyList<string> Files { get; }

    /// <summary>How many frames there are.</summary>
    public int Count => Files.Count;

    /// <summary>Lists the frames of <paramref name="folder"/> (empty when it has none or does not exist).</summary>
    public static FrameSequence In(string folder)
    {
        // Natural order is numeric order for names that are numbers.
        var frames = ImageFiles.In(folder).Where(f => FrameNumber(f) is not null).ToList();
        return new FrameSequence(folder, frames);
    }

    /// <summary>Checks there is at least one frame and that all frames have one size; returns it.</summary>
    public (int Width, int Height) RequireUniformSize()
    {
        if (Count == 0)
            throw new FaceLabException(Folder, "no frames found", "put numbered images such as 00001.png in it, or extract the video's frames first");
        (int W, int H)? first = null;
        foreach (var file in Files)
        {
            var size = ImageHeader.ReadSize(file);
            first ??= size;
            if (size != first)
                throw new FaceLabException(file,
                    $"frame is {size.Width}x{size.Height} but {Path.GetFileName(Files[0])} is {first.Value.W}x{first.Value.H}", "give frames of one size");
        }
        return first!.Value;
    }

    internal static long? FrameNumber(string path)
    {
        if (!ImageFiles.HasImageExtension(path)) return null;
        var stem = Path.GetFileNameWithoutExtension(path);
        return stem.Length > 0 && stem.All(char.IsAsciiDigit) && long.TryParse(stem, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            ? n
            : null;
    }
}
