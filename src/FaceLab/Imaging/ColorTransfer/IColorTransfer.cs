using OpenCvSharp;

namespace FaceLab.Imaging.ColorTransfer;

/// <summary>
/// Recolours a source image so that its colour distribution follows a target image's
/// (training colour augmentation and the merge colour options). Images are BGR <c>CV_32FC3</c> in [0, 1].
/// </summary>
public interface IColorTransfer
{
    /// <summary>The CLI name: rct, lct, mkl, idt, sot, mix-m or none.</summary>
    string Name { get; }

    /// <summary>
    /// A new image: all of <paramref name="source"/> recoloured. With masks, the statistics of each
    /// side come only from its pixels where the mask is above 0.5 (<c>CV_32FC1</c> 0..1 or
    /// <c>CV_8UC1</c> 0..255, same size as its image); the mapping is still applied to every source pixel.
    /// </summary>
    /// <param name="seed">Seeds the random rotations/directions of idt and sot; ignored by the others.</param>
    Mat Apply(Mat source, Mat target, Mat? sourceMask = null, Mat? targetMask = null, int seed = 0);
}
