using OpenCvSharp;

namespace FaceLab.Merging;

/// <summary>
/// One merged frame: the picture (<c>CV_8UC3</c>), the final blend mask of all its faces united
/// (<c>CV_8UC1</c>, 0..255) and, when asked for, the debug view. Owns its images.
/// </summary>
internal sealed record MergedFrame(Mat Image, Mat Mask, Mat? Debug = null) : IDisposable
{
    public void Dispose()
    {
        Image.Dispose();
        Mask.Dispose();
        Debug?.Dispose();
    }
}
