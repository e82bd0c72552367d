using FaceLab.Evaluation;
using FaceLab.Faces.Extraction;
using FaceLab.Tests.Faces.Detection;
using FaceLab.Tests.Support;
using OpenCvSharp;

namespace FaceLab.Tests.Evaluation;

/// <summary>Recognition chips of real faces: the largest face of every n-th frame of a video, found with the default extraction tools.</summary>
internal static class RealFaceChips
{
    public static List<Mat> FromVideo(string video, int step, int count)
    {
        var tools = FaceExtractionTools.Default;
        using var detector = tools.CreateDetector();
        using var landmarker = tools.CreateLandmarker();
        var chips = new List<Mat>();
        foreach (var (_, frame) in VideoFrames.Every(video, step))
        {
            var found = detector.Detect(frame);
            if (found.Count == 0) continue;
            var face = found[0];
            var landmarks = landmarker.Locate(frame, detector.LandmarkBox.Apply(face.Box));
            chips.Add(RecognitionChip.Cut(frame, RecognitionChip.Transform(landmarks)));
            if (chips.Count == count) break;
        }
        Assert.Equal(count, chips.Count);
        return chips;
    }

    public static string Video(string name) => name switch
    {
        "franck" => TestPaths.DemoSourceVideo,
        "cap13" => TestPaths.DemoDestinationVideo,
        _ => TestPaths.SharedVideo(name),
    };
}
