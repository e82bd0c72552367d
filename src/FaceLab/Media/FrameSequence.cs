using System.Globalization;
using FaceLab.Common;
using FaceLab.Imaging;

namespace FaceLab.Media;

/// <summary>
/// The numbered frame images of a folder (<c>00001.png</c>, ...), in numeric order.
/// Only names that are a number count as frames; anything else in the folder is left alone.
/// </summary>
public sealed class FrameSequence
{
    private static readonly string[] Extensions = [".png", ".jpg", ".jpeg"];

    private FrameSequence(string folder, IReadOnlyList<string> files)
    {
        Folder = folder;
        Files = files;
    }

    public string Folder { get; }

    public IReadOnlyList<string> Files { get; }

    public int Count => Files.Count;

    /// <summary>Lists the frames of <paramref name="folder"/> (empty when it has none or does not exist).</summary>
    public static FrameSequence In(string folder)
    {
        if (!Directory.Exists(folder)) return new FrameSequence(folder, []);
        var frames = Directory.EnumerateFiles(folder)
            .Select(f => (Path: f, Number: FrameNumber(f)))
            .Where(f => f.Number is not null)
            .OrderBy(f => f.Number)
            .ThenBy(f => f.Path, StringComparer.Ordinal)
            .Select(f => f.Path)
            .ToList();
        return new FrameSequence(folder, frames);
    }

    /// <summary>Checks there is at least one frame and that all frames have one size; returns it.</summary>
    public (int Width, int Height) RequireUniformSize()
    {
        if (Count == 0)
            throw new FaceLabException($"{Folder}: no frames found (expected numbered images such as 00001.png)");
        (int W, int H)? first = null;
        foreach (var file in Files)
        {
            var size = ImageHeader.ReadSize(file);
            first ??= size;
            if (size != first)
                throw new FaceLabException(
                    $"{file}: frame is {size.Width}x{size.Height} but {Path.GetFileName(Files[0])} is {first.Value.W}x{first.Value.H}; all frames must have one size");
        }
        return first!.Value;
    }

    internal static long? FrameNumber(string path)
    {
        var ext = Path.GetExtension(path);
        if (!Extensions.Contains(ext, StringComparer.OrdinalIgnoreCase)) return null;
        var stem = Path.GetFileNameWithoutExtension(path);
        return stem.Length > 0 && stem.All(char.IsAsciiDigit) && long.TryParse(stem, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            ? n
            : null;
    }
}
