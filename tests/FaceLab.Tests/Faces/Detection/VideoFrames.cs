using OpenCvSharp;

namespace FaceLab.Tests.Faces.Detection;

/// <summary>Decodes every <c>step</c>-th frame of a video with OpenCV.</summary>
public static class VideoFrames
{
    public static IEnumerable<(int Index, Mat Frame)> Every(string path, int step)
    {
        using var capture = new VideoCapture(path);
        if (!capture.IsOpened()) throw new FileNotFoundException($"cannot open video {path}");
        for (var index = 0; ; index++)
        {
            using var frame = new Mat();
            if (!capture.Read(frame) || frame.Empty()) yield break;
            if (index % step == 0) yield return (index, frame);
        }
    }
}
