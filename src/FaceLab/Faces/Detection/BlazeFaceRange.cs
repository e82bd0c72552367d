namespace FaceLab.Faces.Detection;

/// <summary>Which MediaPipe BlazeFace model to run.</summary>
internal enum BlazeFaceRange
{
    /// <summary>192×192 input, 2304 anchors on one stride-4 grid: faces up to ≈5 m away. The default.</summary>
    Full,

    /// <summary>128×128 input, 896 anchors: close-ups (selfie distance), misses small faces.</summary>
    Short,
}
